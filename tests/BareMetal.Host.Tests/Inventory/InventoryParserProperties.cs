using System.Net;
using BareMetal.NetbootHost.Inventory;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BareMetal.Host.Tests.Inventory;

/// <summary>Whatever text the inventory file holds, the parser answers with a snapshot or with errors; it never throws.</summary>
public sealed class InventoryParserProperties
{
    private static readonly (IPAddress, int) Subnet = (IPAddress.Parse("192.0.2.0"), 24);

    /// <summary>Pieces of inventories: the real field names, values good and bad, and YAML's structural characters.</summary>
    private static readonly string[] Pieces =
    [
        "profiles:", "machines:", "default-profile:", "name:", "kernel:", "initrds:", "cmdline:", "mac:", "hostname:", "ip:",
        "profile:", "workflow:", "local-boot:", "efi-volume:", "efi-loader:", "efi-args:", "stream-image:", "report:", "image:",
        "target:", "sha256:", " live", " vmlinuz", " ../x", " /abs", " http://", " https://[::1", " 52:54:00:12:34:56",
        " 52-54-00-12-34-5g", " 192.0.2.50", " 192.0.2.300", " 10.0.0.1", " /dev/vda", " BAREMETAL", " MY DISK",
        " /EFI/BOOT/BOOTX64.EFI", " " + new string('a', 64), " ~", " null", " ''", " \"\"", " [", " ]", " {", " }", ", ",
        "- ", "  ", "    ", "\t", "\n", "\n  - ", "\n    ", "---\n", "...\n", "&a ", "*a", "!!str ", "!!map ", "? ", "|\n",
        ">\n", "#", "\"", "'", "%YAML 1.2\n", "\0", "\r", "é", "\uFEFF",
    ];

    private static readonly Gen<string> InventoryLike =
        Gen.Elements(Pieces).ListOf().Select(parts => string.Concat(parts));

    [Property(MaxTest = 1000)]
    public bool AnyText_ParsesOrReportsErrors_NeverThrows(string? text) => Holds(text ?? "", "inventory.yaml");

    [Property(MaxTest = 2000)]
    public Property InventoryLikeText_ParsesOrReportsErrors_NeverThrows() =>
        Prop.ForAll(InventoryLike.ToArbitrary(), text => Holds(text, "inventory.yaml").Label(text));

    [Property(MaxTest = 500)]
    public Property InventoryLikeJson_ParsesOrReportsErrors_NeverThrows() =>
        Prop.ForAll(InventoryLike.ToArbitrary(), text => Holds(text, "inventory.json").Label(text));

    /// <summary>Success comes with no errors and a snapshot; failure with at least one error, each naming the file and what is wrong.</summary>
    private static bool Holds(string text, string file)
    {
        var parsed = InventoryParser.TryParse(text, file, Subnet, out var snapshot, out var errors);
        return parsed
            ? errors.Count == 0 && snapshot is not null
            : errors.Count > 0 && ReferenceEquals(snapshot, InventorySnapshot.Empty)
              && errors.All(e => e.File == file && e.Line >= 0 && e.Column >= 0 && e.Message.Length > 0);
    }
}
