using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>Files under --images at /images/NAME, fetched with curl.</summary>
[Collection(SharedHost.Name)]
public sealed class ImageTests(HostFixture fixture)
{
    [Fact]
    public async Task Image_WholeFile_IsServedByteForByte()
    {
        var target = Path.Combine(fixture.Layout.Root, "curl-vmlinuz");

        var status = await Curl.DownloadAsync(fixture.Lab, Curl.Url("/images/vmlinuz"), target);

        Assert.Equal(200, status);
        Assert.Equal(fixture.Kernel, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Image_Range_Is206WithThoseBytes()
    {
        var target = Path.Combine(fixture.Layout.Root, "curl-disk-range");

        var status = await Curl.DownloadAsync(fixture.Lab, Curl.Url("/images/disk.raw.gz"), target, "-r", "1000-1999");

        Assert.Equal(206, status);
        Assert.Equal(fixture.Disk.AsSpan(1000, 1000).ToArray(), await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Image_Missing_Is404()
    {
        var response = await Curl.GetAsync(fixture.Lab, "/images/no-such-image");

        Assert.Equal(404, response.Status);
    }
}
