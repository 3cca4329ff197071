using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>Files under --images at /images/NAME, fetched from the host run in-process.</summary>
[Collection(InProcessHostGroup.Name)]
public sealed class ImageTests(InProcessHostFixture fixture)
{
    [Fact]
    public async Task Image_WholeFile_IsServedByteForByte()
    {
        var (status, body) = await fixture.Host.DownloadAsync("/images/vmlinuz");

        Assert.Equal(200, status);
        Assert.Equal(fixture.Host.Files.Kernel, body);
    }

    [Fact]
    public async Task Image_Range_Is206WithThoseBytes()
    {
        var (status, body) = await fixture.Host.DownloadAsync("/images/disk.raw.gz", range: "1000-1999");

        Assert.Equal(206, status);
        Assert.Equal(fixture.Host.Files.Disk.AsSpan(1000, 1000).ToArray(), body);
    }

    [Fact]
    public async Task Image_Missing_Is404()
    {
        var response = await fixture.Host.GetAsync("/images/no-such-image");

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task Image_FetchedByAMachine_IsOnItsTimeline()
    {
        const string mac = "52:54:00:06:06:01";
        await fixture.Host.GetAsync($"/ipxe/{mac}"); // the host now knows 192.0.2.2 as this machine

        var (status, _) = await fixture.Host.DownloadAsync("/images/initrd.gz");

        Assert.Equal(200, status);
        var machine = await fixture.Host.GetAsync($"/api/v1/machines/{mac}", HostLayout.AdminToken);
        var image = machine.Json.GetProperty("events").EnumerateArray().Last();
        Assert.Equal("image", image.GetProperty("type").GetString());
        Assert.Equal("GET /images/initrd.gz -> 200", image.GetProperty("message").GetString());
    }
}
