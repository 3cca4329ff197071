using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Testing;

namespace BareMetal.Host.Tests;

/// <summary>The first-stage binaries over TFTP, fetched with atftp and curl.</summary>
[Collection(SharedHost.Name)]
public sealed class TftpTests(HostFixture fixture)
{
    [InteropFact]
    public async Task Atftp_WithBlksizeAndWindowsize_GetsTheFileByteForByte()
    {
        var target = Path.Combine(fixture.Layout.Root, "atftp-undionly.kpxe");

        var result = await fixture.Lab.InClientAsync(
            TimeSpan.FromSeconds(60), "atftp", "--option", "blksize 1468", "--option", "windowsize 4", "-g", "-r", "undionly.kpxe", "-l", target, NetworkLab.ServerAddress);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(fixture.Undionly, await File.ReadAllBytesAsync(target));
    }

    [InteropFact]
    public async Task Curl_Tftp_GetsTheFileByteForByte()
    {
        var target = Path.Combine(fixture.Layout.Root, "curl-undionly.kpxe");

        var result = await fixture.Lab.InClientAsync(TimeSpan.FromSeconds(60), "curl", "-s", "-S", "-m", "50", "-o", target, $"tftp://{NetworkLab.ServerAddress}/undionly.kpxe");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(fixture.Undionly, await File.ReadAllBytesAsync(target));
    }

    [InteropFact]
    public async Task Curl_TftpMissingFile_FailsWithTftpError()
    {
        var result = await fixture.Lab.InClientAsync(TimeSpan.FromSeconds(30), "curl", "-s", "-m", "20", "-o", "/dev/null", $"tftp://{NetworkLab.ServerAddress}/no-such-file");

        // curl exit 68: "File not found on TFTP server".
        Assert.Equal(68, result.ExitCode);
    }

    [InteropFact]
    public async Task SizeProbe_LikeUefiFirmware_IsReportedAsAProbeOnTheMachinesTimeline()
    {
        const string mac = "52:54:00:08:08:01";
        await Curl.GetAsync(fixture.Lab, $"/ipxe/{mac}"); // the host now knows 192.0.2.2 as this machine
        const string probe = """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(5)
            s.sendto(b"\x00\x01undionly.kpxe\x00octet\x00tsize\x000\x00", ("192.0.2.1", 69))
            data, server = s.recvfrom(2048)
            assert data[:2] == b"\x00\x06", data
            s.sendto(b"\x00\x05\x00\x08size probe\x00", server)
            fields = data[2:].split(b"\x00")
            print(fields[fields.index(b"tsize") + 1].decode())
            """;

        // RFC 2347 OACK with RFC 2349 tsize, then ERROR 8 (option negotiation refused), as EDK2 does.
        var result = await fixture.Lab.InClientAsync(TimeSpan.FromSeconds(20), "python3", "-c", probe);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(fixture.Undionly.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), result.StandardOutput.Trim());
        string[] messages = [];
        for (var attempt = 0; attempt < 25 && !messages.Any(m => m.Contains("size probe for undionly.kpxe", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(200);
            var machine = await Curl.GetAsync(fixture.Lab, $"/api/v1/machines/{mac}", HostLayout.AdminToken);
            messages = machine.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString() ?? "").ToArray();
        }

        Assert.Contains(messages, m => m.StartsWith("tftp: size probe for undionly.kpxe", StringComparison.Ordinal));
    }
}
