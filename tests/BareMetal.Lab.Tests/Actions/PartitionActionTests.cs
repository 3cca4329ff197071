using System.Text.Json;
using BareMetal.LabAgent.Actions;
using BareMetal.Testing;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>
/// The partition action on an image file, read back by util-linux's sfdisk and by gdisk's sgdisk (which checks both
/// GPT headers, both entry arrays and their CRCs), and on a loop device, where the kernel must list the new partitions.
/// </summary>
public sealed class PartitionActionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Gpt_OnAnImageFile_SfdiskAndSgdiskAgree()
    {
        var image = Image("gpt.img", 64L << 20);
        var result = await Run($$"""
            {"device":"{{image}}","table":"gpt","diskGuid":"6f1c1a5e-0d3b-4c1e-9a55-2f0c2d7c9b11","partitions":[
              {"size":"16MiB","type":"esp","name":"EFI system","bootable":true},
              {"size":"8M","type":"swap","label":"swap"},
              {"size":"rest","type":"linux","name":"root","guid":"0b4b2f61-64a4-4d59-9c1f-6c1d7d1b3a77"}]}
            """);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal($"GPT with 3 partition(s) written to {image} (an image file: no kernel re-read)", result.Message);

        var table = SfdiskJson(image);
        Assert.Equal("gpt", table.GetProperty("label").GetString());
        Assert.Equal("6F1C1A5E-0D3B-4C1E-9A55-2F0C2D7C9B11", table.GetProperty("id").GetString());
        Assert.Equal(34, table.GetProperty("firstlba").GetInt64());
        var lastLba = table.GetProperty("lastlba").GetInt64();
        Assert.Equal((64L << 20) / 512 - 34, lastLba);
        var parts = table.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal(3, parts.Length);
        Assert.Equal((2048L, 32768L, "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI system"), Part(parts[0]));
        Assert.Equal((34816L, 16384L, "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "swap"), Part(parts[1]));
        Assert.Equal((51200L, lastLba - 51200 + 1, "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "root"), Part(parts[2]));
        Assert.Equal("0B4B2F61-64A4-4D59-9C1F-6C1D7D1B3A77", parts[2].GetProperty("uuid").GetString());
        Assert.Equal("LegacyBIOSBootable", parts[0].GetProperty("attrs").GetString());

        // sgdisk -v verifies the protective MBR, both headers, both arrays and their CRC32s.
        var verify = Tool.Ok("sgdisk", "--verify", image);
        Assert.Contains("No problems found", verify, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mbr_OnAnImageFile_SfdiskReadsTypesBootFlagAndSignature()
    {
        var image = Image("mbr.img", 64L << 20);
        var result = await Run($$"""
            {"device":"{{image}}","table":"mbr","diskSignature":"0x1234abcd","partitions":[
              {"size":"32MiB","type":"fat32","bootable":true},{"size":"rest","type":"83"}]}
            """);
        Assert.True(result.Succeeded, result.Message);
        var table = SfdiskJson(image);
        Assert.Equal("dos", table.GetProperty("label").GetString());
        Assert.Equal("0x1234abcd", table.GetProperty("id").GetString());
        var parts = table.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal((2048L, 65536L, "c"), (parts[0].GetProperty("start").GetInt64(), parts[0].GetProperty("size").GetInt64(), parts[0].GetProperty("type").GetString()));
        Assert.True(parts[0].GetProperty("bootable").GetBoolean());
        Assert.Equal((67584L, (64L << 20) / 512 - 67584, "83"), (parts[1].GetProperty("start").GetInt64(), parts[1].GetProperty("size").GetInt64(), parts[1].GetProperty("type").GetString()));
        Assert.False(parts[1].TryGetProperty("bootable", out _));
    }

    [Fact]
    public async Task Mbr_OverAGpt_LeavesNoGptSignatureAndKeepsBootCode()
    {
        var image = Image("switch.img", 32L << 20);
        var bootCode = Enumerable.Range(0, 440).Select(i => (byte)(i * 7)).ToArray();
        await using (var f = File.OpenWrite(image))
        {
            await f.WriteAsync(bootCode);
        }

        Assert.True((await Run($$"""{"device":"{{image}}","partitions":[{"size":"rest"}]}""")).Succeeded);
        Assert.Contains("gpt", Tool.Ok("wipefs", "--no-act", image), StringComparison.Ordinal);
        Assert.True((await Run($$"""{"device":"{{image}}","table":"dos","partitions":[{"size":"rest"}]}""")).Succeeded);

        // wipefs lists every signature libblkid finds: the primary and backup "EFI PART" headers must both be gone.
        var signatures = Tool.Ok("wipefs", "--no-act", "--parsable", image);
        Assert.DoesNotContain("gpt", signatures, StringComparison.Ordinal);
        Assert.Contains("dos", signatures, StringComparison.Ordinal);
        Assert.Equal(bootCode, File.ReadAllBytes(image)[..440]);
    }

    [Fact]
    public async Task InvalidLayout_FailsAndWritesNothing()
    {
        var image = Image("small.img", 8L << 20);
        var result = await Run($$"""{"device":"{{image}}","partitions":[{"size":"1G"}]}""");
        Assert.Equal(ActionState.Failed, result.State);
        Assert.StartsWith("action 3 (partition): parameter 'partitions[0].size' (1G) does not fit", result.Message, StringComparison.Ordinal);
        Assert.All(File.ReadAllBytes(image), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task MissingDevice_Fails()
    {
        var result = await Run("""{"partitions":[{"size":"rest"}]}""");
        Assert.Equal("action 3 (partition): parameter 'device' is missing: name the disk, e.g. /dev/vda", result.Message);
    }

    [InteropFact]
    public async Task LoopDevice_KernelListsTheNewPartitions_ThenTheirReplacement()
    {
        using var loop = new LoopDevice(_dir.File("loop.img"), 96L << 20);
        var result = await Run($$"""
            {"device":"{{loop.Path}}","partitions":[{"size":"10MiB","type":"esp"},{"size":"20MiB"},{"size":"rest","type":"linux"}]}
            """);
        Assert.True(result.Succeeded, result.Message);
        Assert.Matches(@"; the kernel uses it \((BLKRRPART|BLKPG)\)$", result.Message);
        var lastUsable = (96L << 20) / 512 - 34;
        Assert.Equal([(2048L, 20480L), (22528L, 40960L), (63488L, lastUsable - 63488 + 1)], Kernel(loop));
        for (var n = 1; n <= 3; n++)
        {
            Assert.True(File.Exists($"{loop.Path}p{n}"), $"{loop.Path}p{n} did not appear");
        }

        // A second layout over the first: the kernel's view follows, partition 3 disappears.
        result = await Run($$"""{"device":"{{loop.Path}}","table":"mbr","partitions":[{"size":"40MiB","bootable":true},{"size":"rest","type":"swap"}]}""");
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([(2048L, 81920L), (83968L, (96L << 20) / 512 - 83968)], Kernel(loop));
        Assert.False(File.Exists($"{loop.Path}p3"));
    }

    private static (long Start, long Size)[] Kernel(LoopDevice loop) =>
        [.. Directory.GetDirectories($"/sys/class/block/{loop.Name}", $"{loop.Name}p*").Order(StringComparer.Ordinal)
            .Select(d => (long.Parse(File.ReadAllText(Path.Combine(d, "start")), System.Globalization.CultureInfo.InvariantCulture),
                          long.Parse(File.ReadAllText(Path.Combine(d, "size")), System.Globalization.CultureInfo.InvariantCulture)))];

    private static (long, long, string?, string?) Part(JsonElement p) =>
        (p.GetProperty("start").GetInt64(), p.GetProperty("size").GetInt64(), p.GetProperty("type").GetString(), p.TryGetProperty("name", out var n) ? n.GetString() : null);

    private static JsonElement SfdiskJson(string image) =>
        JsonDocument.Parse(Tool.Ok("sfdisk", "--json", image)).RootElement.GetProperty("partitiontable").Clone();

    private static Task<ActionResult> Run(string json) => new PartitionAction().RunAsync(Contexts.For("partition", json), CancellationToken.None);

    private string Image(string name, long size)
    {
        var path = _dir.File(name);
        using var f = File.Create(path);
        f.SetLength(size);
        return path;
    }
}
