using System.Globalization;

namespace BareMetal.LabAgent.Actions.Partitioning;

/// <summary>
/// Partition type aliases: GPT type GUIDs from UEFI 2.10 §5.3.3 Table 5.7 (ESP), the Discoverable Partitions
/// Specification (Linux types) and util-linux's table; MBR type bytes as fdisk lists them.
/// </summary>
public static class PartitionTypes
{
    private static readonly (string Alias, Guid Gpt, byte Mbr)[] Known =
    [
        ("linux", new Guid("0FC63DAF-8483-4772-8E79-3D69D8477DE4"), 0x83),
        ("esp", new Guid("C12A7328-F81F-11D2-BA4B-00A0C93EC93B"), 0xEF),
        ("efi", new Guid("C12A7328-F81F-11D2-BA4B-00A0C93EC93B"), 0xEF),
        ("swap", new Guid("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F"), 0x82),
        ("bios-boot", new Guid("21686148-6449-6E6F-744E-656564454649"), 0),
        ("lvm", new Guid("E6D6D379-F507-44C2-A23C-238F2A3DF928"), 0x8E),
        ("raid", new Guid("A19D880F-05FC-4D3B-A006-743F0F84911E"), 0xFD),
        ("home", new Guid("933AC7E1-2EB4-4F13-B844-0E14E2AEF915"), 0x83),
        ("linux-root-x86-64", new Guid("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709"), 0x83),
        ("xbootldr", new Guid("BC13C2FF-59E6-4262-A352-B275FD6F7172"), 0xEA),
        ("msdata", new Guid("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"), 0x07),
        ("fat32", Guid.Empty, 0x0C),
        ("fat16", Guid.Empty, 0x0E),
        ("ntfs", Guid.Empty, 0x07),
    ];

    /// <summary>The aliases valid for a table kind, for error messages.</summary>
    /// <param name="kind">GPT or MBR.</param>
    /// <returns>The aliases, comma-separated.</returns>
    public static string AliasList(PartitionTableKind kind) =>
        string.Join(", ", Known.Where(k => kind == PartitionTableKind.Gpt ? k.Gpt != Guid.Empty : k.Mbr != 0).Select(k => k.Alias));

    /// <summary>Resolves a type alias, GUID (GPT) or hex byte (MBR); null or empty is <c>linux</c>.</summary>
    /// <param name="text">The type.</param>
    /// <param name="kind">The table kind it is for.</param>
    /// <param name="gpt">The GPT type GUID.</param>
    /// <param name="mbr">The MBR type byte.</param>
    /// <returns><see langword="true"/> when the type is valid for the table kind.</returns>
    public static bool TryResolve(string? text, PartitionTableKind kind, out Guid gpt, out byte mbr)
    {
        gpt = Guid.Empty;
        mbr = 0;
        var name = string.IsNullOrWhiteSpace(text) ? "linux" : text.Trim();
        foreach (var (alias, g, m) in Known)
        {
            if (string.Equals(alias, name, StringComparison.OrdinalIgnoreCase))
            {
                (gpt, mbr) = (g, m);
                return kind == PartitionTableKind.Gpt ? g != Guid.Empty : m != 0;
            }
        }

        if (kind == PartitionTableKind.Gpt)
        {
            return Guid.TryParse(name, out gpt) && gpt != Guid.Empty;
        }

        var hex = name.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? name[2..] : name;
        return hex.Length is 1 or 2 && byte.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out mbr) && mbr != 0;
    }
}
