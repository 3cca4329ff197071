using System.Globalization;

namespace BareMetal.LabAgent.Actions.Partitioning;

/// <summary>A partition table style.</summary>
public enum PartitionTableKind
{
    /// <summary>GUID Partition Table (UEFI 2.10 §5.3) behind a protective MBR.</summary>
    Gpt,

    /// <summary>A classic MBR (UEFI 2.10 §5.2.1 Legacy MBR): up to four primary partitions.</summary>
    Mbr,
}

/// <summary>One partition placed on the disk.</summary>
/// <param name="Number">1-based partition number (the kernel's <c>vda1</c>, <c>vda2</c>...).</param>
/// <param name="FirstLba">First sector.</param>
/// <param name="LastLba">Last sector (inclusive).</param>
/// <param name="GptType">GPT partition type GUID.</param>
/// <param name="MbrType">MBR partition type byte.</param>
/// <param name="UniqueGuid">GPT unique partition GUID.</param>
/// <param name="Name">GPT name (may be empty).</param>
/// <param name="Bootable">MBR active flag / GPT legacy BIOS bootable attribute.</param>
public sealed record PlannedPartition(int Number, long FirstLba, long LastLba, Guid GptType, byte MbrType, Guid UniqueGuid, string Name, bool Bootable)
{
    /// <summary>Sectors in the partition.</summary>
    public long Sectors => LastLba - FirstLba + 1;
}

/// <summary>
/// A validated layout placed on a disk of a known size: every partition starts on a 1 MiB boundary (what fdisk, sgdisk
/// and parted do by default since 2010, right for 4 KiB-sector disks, SSD pages and RAID stripes).
/// </summary>
/// <param name="Kind">GPT or MBR.</param>
/// <param name="SectorSize">Logical sector size in bytes.</param>
/// <param name="TotalSectors">Sectors on the disk.</param>
/// <param name="DiskGuid">GPT disk GUID.</param>
/// <param name="DiskSignature">MBR disk signature.</param>
/// <param name="Partitions">The partitions in disk order.</param>
public sealed record PartitionPlan(PartitionTableKind Kind, int SectorSize, long TotalSectors, Guid DiskGuid, uint DiskSignature, IReadOnlyList<PlannedPartition> Partitions)
{
    /// <summary>GPT partition entries written (UEFI 2.10 §5.3.2: at least 16 KiB of entry array is reserved).</summary>
    public const int GptEntryCount = 128;

    /// <summary>Bytes per GPT partition entry (UEFI 2.10 §5.3.3, 128 × 2^n).</summary>
    public const int GptEntrySize = 128;

    /// <summary>Sectors the GPT entry array takes (32 for 512-byte sectors).</summary>
    public long GptEntrySectors => (GptEntryCount * GptEntrySize + SectorSize - 1) / SectorSize;

    /// <summary>First sector a partition may use.</summary>
    public long FirstUsableLba => Kind == PartitionTableKind.Gpt ? 2 + GptEntrySectors : 1;

    /// <summary>Last sector a partition may use (GPT: before the backup entry array and header).</summary>
    public long LastUsableLba => Kind == PartitionTableKind.Gpt ? TotalSectors - 2 - GptEntrySectors : TotalSectors - 1;

    /// <summary>Validates <paramref name="parameters"/> and places the partitions on a disk of <paramref name="diskBytes"/>.</summary>
    /// <param name="parameters">The layout.</param>
    /// <param name="diskBytes">The disk's size.</param>
    /// <param name="sectorSize">Its logical sector size.</param>
    /// <param name="plan">The plan when the method returns <see langword="true"/>.</param>
    /// <param name="error">What is wrong with the layout, naming the field and the fix.</param>
    /// <returns><see langword="true"/> when the layout fits.</returns>
    public static bool TryCreate(PartitionParameters parameters, long diskBytes, int sectorSize, out PartitionPlan? plan, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        plan = null;
        if (!TryTable(parameters.Table, out var kind))
        {
            error = $"parameter 'table' is '{parameters.Table}': use gpt or mbr";
            return false;
        }

        if (sectorSize is not (512 or 1024 or 2048 or 4096))
        {
            error = $"the sector size is {sectorSize}: use 512 or 4096";
            return false;
        }

        var maxPartitions = kind == PartitionTableKind.Gpt ? GptEntryCount : 4;
        if (parameters.Partitions.Count == 0 || parameters.Partitions.Count > maxPartitions)
        {
            error = $"parameter 'partitions' has {parameters.Partitions.Count} entries: a {(kind == PartitionTableKind.Gpt ? "GPT" : "MBR")} layout takes 1 to {maxPartitions}";
            return false;
        }

        var diskGuid = Guid.NewGuid();
        if (parameters.DiskGuid is { } dg && !Guid.TryParse(dg, out diskGuid))
        {
            error = $"parameter 'diskGuid' is '{dg}': give a GUID such as 6f1c1a5e-0d3b-4c1e-9a55-2f0c2d7c9b11";
            return false;
        }

        var signature = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
        if (parameters.DiskSignature is { } ds && !uint.TryParse(ds.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? ds[2..] : ds, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out signature))
        {
            error = $"parameter 'diskSignature' is '{ds}': give 8 hex digits such as 0x1234abcd";
            return false;
        }

        var shell = new PartitionPlan(kind, sectorSize, diskBytes / sectorSize, diskGuid, signature, []);
        var alignment = 1024 * 1024 / sectorSize;
        var minimumSectors = shell.FirstUsableLba + (kind == PartitionTableKind.Gpt ? 1 + shell.GptEntrySectors : 0) + alignment;
        if (shell.TotalSectors < minimumSectors)
        {
            error = $"the disk has {diskBytes} bytes: too small for a partition table and one 1 MiB-aligned partition";
            return false;
        }

        var placed = new List<PlannedPartition>();
        var next = shell.FirstUsableLba;
        for (var i = 0; i < parameters.Partitions.Count; i++)
        {
            var spec = parameters.Partitions[i];
            var field = $"partitions[{i}]";
            var first = (next + alignment - 1) / alignment * alignment;
            long last;
            if (string.Equals(spec.Size, "rest", StringComparison.OrdinalIgnoreCase))
            {
                if (i != parameters.Partitions.Count - 1)
                {
                    error = $"parameter '{field}.size' is 'rest' but it is not the last partition: only the last one can take the rest of the disk";
                    return false;
                }

                last = shell.LastUsableLba;
            }
            else if (TryParseSize(spec.Size, out var bytes) && bytes > 0)
            {
                last = first + ((bytes + sectorSize - 1) / sectorSize) - 1;
            }
            else
            {
                error = $"parameter '{field}.size' is '{spec.Size}': give a size such as 512MiB, 2G or 1048576, or 'rest'";
                return false;
            }

            if (first > shell.LastUsableLba || last > shell.LastUsableLba)
            {
                var left = Math.Max(0, shell.LastUsableLba - first + 1) * sectorSize;
                error = $"parameter '{field}.size' ({spec.Size}) does not fit: {left} bytes are left on the {diskBytes}-byte disk after the previous partitions and 1 MiB alignment";
                return false;
            }

            if (kind == PartitionTableKind.Mbr && (first > uint.MaxValue || last - first + 1 > uint.MaxValue))
            {
                error = $"parameter '{field}' ends beyond 2 TiB (sector {last}): MBR has 32-bit sector numbers; use table: gpt";
                return false;
            }

            if (!PartitionTypes.TryResolve(spec.Type, kind, out var gptType, out var mbrType))
            {
                error = $"parameter '{field}.type' is '{spec.Type}': use {PartitionTypes.AliasList(kind)}, {(kind == PartitionTableKind.Gpt ? "or a type GUID" : "or a type byte in hex such as 0x83")}";
                return false;
            }

            var name = spec.Name ?? spec.Label ?? string.Empty;
            if (kind == PartitionTableKind.Mbr && name.Length > 0)
            {
                error = $"parameter '{field}.name' is set but MBR partitions have no names: drop it, or use table: gpt (a filesystem label belongs to mkfs)";
                return false;
            }

            if (name.Length > 36)
            {
                error = $"parameter '{field}.name' has {name.Length} characters: a GPT name holds at most 36 UTF-16 code units (UEFI 2.10 §5.3.3)";
                return false;
            }

            var unique = Guid.NewGuid();
            if (spec.Guid is { } g && !Guid.TryParse(g, out unique))
            {
                error = $"parameter '{field}.guid' is '{g}': give a GUID";
                return false;
            }

            placed.Add(new PlannedPartition(i + 1, first, last, gptType, mbrType, unique, name, spec.Bootable));
            next = last + 1;
        }

        plan = shell with { Partitions = placed };
        error = null;
        return true;
    }

    /// <summary>Parses a size: digits with an optional unit (B; K, M, G, T and KiB.. binary; KB, MB, GB, TB decimal).</summary>
    /// <param name="text">The size.</param>
    /// <param name="bytes">The size in bytes.</param>
    /// <returns><see langword="true"/> when it parsed and fits in a long.</returns>
    public static bool TryParseSize(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(s.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long multiplier = s[digits..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KIB" => 1L << 10,
            "M" or "MIB" => 1L << 20,
            "G" or "GIB" => 1L << 30,
            "T" or "TIB" => 1L << 40,
            "KB" => 1000,
            "MB" => 1000_000,
            "GB" => 1000_000_000,
            "TB" => 1000_000_000_000,
            _ => 0,
        };
        if (multiplier == 0 || number > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = number * multiplier;
        return true;
    }

    private static bool TryTable(string? text, out PartitionTableKind kind)
    {
        switch (text?.ToLowerInvariant())
        {
            case null or "" or "gpt":
                kind = PartitionTableKind.Gpt;
                return true;
            case "mbr" or "dos" or "msdos":
                kind = PartitionTableKind.Mbr;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
