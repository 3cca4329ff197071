using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>The first-stage binaries over TFTP, fetched with atftp and curl.</summary>
[Collection(SharedHost.Name)]
public sealed class TftpTests(HostFixture fixture)
{
    [Fact]
    public async Task Atftp_WithBlksizeAndWindowsize_GetsTheFileByteForByte()
    {
        var target = Path.Combine(fixture.Layout.Root, "atftp-undionly.kpxe");

        var result = await fixture.Lab.InClientAsync(
            TimeSpan.FromSeconds(60), "atftp", "--option", "blksize 1468", "--option", "windowsize 4", "-g", "-r", "undionly.kpxe", "-l", target, NetworkLab.ServerAddress);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(fixture.Undionly, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Curl_Tftp_GetsTheFileByteForByte()
    {
        var target = Path.Combine(fixture.Layout.Root, "curl-undionly.kpxe");

        var result = await fixture.Lab.InClientAsync(TimeSpan.FromSeconds(60), "curl", "-s", "-S", "-m", "50", "-o", target, $"tftp://{NetworkLab.ServerAddress}/undionly.kpxe");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(fixture.Undionly, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Curl_TftpMissingFile_FailsWithTftpError()
    {
        var result = await fixture.Lab.InClientAsync(TimeSpan.FromSeconds(30), "curl", "-s", "-m", "20", "-o", "/dev/null", $"tftp://{NetworkLab.ServerAddress}/no-such-file");

        // curl exit 68: "File not found on TFTP server".
        Assert.Equal(68, result.ExitCode);
    }
}
