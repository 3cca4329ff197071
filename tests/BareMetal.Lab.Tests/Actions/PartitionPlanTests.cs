using BareMetal.LabAgent.Actions.Partitioning;

namespace BareMetal.Lab.Tests.Actions;

public sealed class PartitionPlanTests
{
    private const long Disk = 64L << 20;

    [Fact]
    public void Crc32_CheckValue() =>
        // The standard check value of CRC-32/ISO-HDLC (the CRC of zlib, Ethernet and the UEFI GPT).
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Theory]
    [InlineData("512", 512)]
    [InlineData("4K", 4096)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1 TiB", 1L << 40)]
    [InlineData("100MB", 100_000_000)]
    [InlineData("16b", 16)]
    public void Size_Parses(string text, long bytes)
    {
        Assert.True(PartitionPlan.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("-5M")]
    [InlineData("5X")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999T")]
    public void Size_Invalid_IsRejected(string text) => Assert.False(PartitionPlan.TryParseSize(text, out _));

    [Fact]
    public void Plan_Gpt_AlignsEveryStartTo1MiBAndRestEndsAtLastUsable()
    {
        var plan = Plan("gpt", ("16MiB", "esp"), ("1000K", "swap"), ("rest", "linux"));
        Assert.Equal(34, plan.FirstUsableLba);
        Assert.Equal((Disk / 512) - 34, plan.LastUsableLba);
        Assert.Equal([2048L, 2048 + 32768, 2048 + 32768 + 2048], plan.Partitions.Select(p => p.FirstLba));
        Assert.Equal(2000, plan.Partitions[1].Sectors);
        Assert.Equal(plan.LastUsableLba, plan.Partitions[2].LastLba);
    }

    [Fact]
    public void Plan_4KSectors_UsesFewerEntrySectors()
    {
        Assert.True(PartitionPlan.TryCreate(Params("gpt", ("rest", "linux")), Disk, 4096, out var plan, out _));
        Assert.Equal(4, plan!.GptEntrySectors);
        Assert.Equal(256, plan.Partitions[0].FirstLba);
    }

    [Theory]
    [InlineData("gpt", "rest,linux|1M,linux", "parameter 'partitions[0].size' is 'rest' but it is not the last partition")]
    [InlineData("gpt", "100M,linux", "parameter 'partitions[0].size' (100M) does not fit: ")]
    [InlineData("gpt", "1M,toaster", "parameter 'partitions[0].type' is 'toaster': use linux, esp, efi, swap")]
    [InlineData("mbr", "1M,bios-boot", "parameter 'partitions[0].type' is 'bios-boot'")]
    [InlineData("mbr", "1M,linux|1M,linux|1M,linux|1M,linux|1M,linux", "parameter 'partitions' has 5 entries: a MBR layout takes 1 to 4")]
    [InlineData("gpt", "", "parameter 'partitions' has 0 entries")]
    [InlineData("zfs", "1M,linux", "parameter 'table' is 'zfs': use gpt or mbr")]
    [InlineData("gpt", "lots,linux", "parameter 'partitions[0].size' is 'lots': give a size such as 512MiB")]
    public void Plan_InvalidLayout_NamesTheFieldAndTheFix(string table, string partitions, string expected)
    {
        var specs = partitions.Length == 0 ? [] : partitions.Split('|').Select(p => (p.Split(',')[0], p.Split(',')[1])).ToArray();
        Assert.False(PartitionPlan.TryCreate(Params(table, specs), Disk, 512, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NameOnMbr_IsRejected()
    {
        var p = Params("mbr", ("1M", "linux"));
        p.Partitions[0].Name = "root";
        Assert.False(PartitionPlan.TryCreate(p, Disk, 512, out _, out var error));
        Assert.Contains("MBR partitions have no names", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt", "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", true)]
    [InlineData("mbr", "0x0b", true)]
    [InlineData("mbr", "fd", true)]
    [InlineData("mbr", "0x00", false)]
    [InlineData("gpt", "00000000-0000-0000-0000-000000000000", false)]
    [InlineData("gpt", "fat32", false)]
    public void Types_LiteralsAndAliases(string table, string type, bool valid) =>
        Assert.Equal(valid, PartitionTypes.TryResolve(type, table == "gpt" ? PartitionTableKind.Gpt : PartitionTableKind.Mbr, out _, out _));

    internal static PartitionParameters Params(string table, params (string Size, string Type)[] partitions)
    {
        var p = new PartitionParameters { Table = table };
        foreach (var (size, type) in partitions)
        {
            p.Partitions.Add(new PartitionSpec { Size = size, Type = type });
        }

        return p;
    }

    private static PartitionPlan Plan(string table, params (string Size, string Type)[] partitions)
    {
        Assert.True(PartitionPlan.TryCreate(Params(table, partitions), Disk, 512, out var plan, out var error), error);
        return plan!;
    }
}
