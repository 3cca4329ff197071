namespace BareMetal.LabAgent.Actions.Partitioning;

/// <summary><c>partition</c> parameters: a declarative layout the agent writes itself.</summary>
public sealed class PartitionParameters
{
    /// <summary>The disk (or image file) to partition, e.g. <c>/dev/vda</c>.</summary>
    public string? Device { get; set; }

    /// <summary><c>gpt</c> (default) or <c>mbr</c> (also <c>dos</c>, <c>msdos</c>).</summary>
    public string? Table { get; set; }

    /// <summary>Logical sector size in bytes for an image file (512 or 4096); a block device's own is always used.</summary>
    public int? SectorSize { get; set; }

    /// <summary>GPT: the disk GUID (random when absent).</summary>
    public string? DiskGuid { get; set; }

    /// <summary>MBR: the 32-bit disk signature as hex, e.g. <c>0x1234abcd</c> (random when absent).</summary>
    public string? DiskSignature { get; set; }

    /// <summary>The partitions, in order on the disk.</summary>
    public IList<PartitionSpec> Partitions { get; set; } = [];
}

/// <summary>One partition of a <see cref="PartitionParameters"/> layout.</summary>
public sealed class PartitionSpec
{
    /// <summary>
    /// <c>512MiB</c>, <c>2G</c> (K, M, G, T and KiB.. are binary; KB, MB, GB, TB decimal; no suffix or B: bytes), or
    /// <c>rest</c> for the rest of the disk (last partition only). Rounded up to whole sectors; every start is 1 MiB aligned.
    /// </summary>
    public string? Size { get; set; }

    /// <summary>
    /// The type: an alias (<c>linux</c>, <c>esp</c>, <c>swap</c>, <c>bios-boot</c>, <c>lvm</c>, <c>raid</c>, <c>home</c>,
    /// <c>linux-root-x86-64</c>, <c>xbootldr</c>, <c>msdata</c>; MBR also <c>fat32</c>, <c>fat16</c>, <c>ntfs</c>), a GPT
    /// type GUID, or an MBR type byte in hex (<c>83</c>, <c>0x83</c>). Default <c>linux</c>.
    /// </summary>
    public string? Type { get; set; }

    /// <summary>GPT: the partition name (at most 36 UTF-16 code units). <c>label</c> is accepted as a synonym.</summary>
    public string? Name { get; set; }

    /// <summary>Synonym of <see cref="Name"/>.</summary>
    public string? Label { get; set; }

    /// <summary>MBR: the active (boot) flag 0x80; GPT: the legacy BIOS bootable attribute (bit 2).</summary>
    public bool Bootable { get; set; }

    /// <summary>GPT: the unique partition GUID (random when absent).</summary>
    public string? Guid { get; set; }
}
