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

    [Fact]
    public async Task Image_FetchedByAMachine_IsOnItsTimeline()
    {
        const string mac = "52:54:00:06:06:01";
        await Curl.GetAsync(fixture.Lab, $"/ipxe/{mac}"); // the host now knows 192.0.2.2 as this machine

        var status = await Curl.DownloadAsync(fixture.Lab, Curl.Url("/images/initrd.gz"), Path.Combine(fixture.Layout.Root, "curl-initrd"));

        Assert.Equal(200, status);
        var machine = await Curl.GetAsync(fixture.Lab, $"/api/v1/machines/{mac}", HostLayout.AdminToken);
        var image = machine.Json.GetProperty("events").EnumerateArray().Last();
        Assert.Equal("image", image.GetProperty("type").GetString());
        Assert.Equal("GET /images/initrd.gz -> 200", image.GetProperty("message").GetString());
    }
}
