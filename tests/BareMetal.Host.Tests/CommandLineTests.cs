using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>The command line contract, run against the built program.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] ContractFlags =
        ["--interface", "--address", "--dhcp-range", "--proxy-dhcp", "--services", "--tftp-root", "--images", "--http-port", "--inventory", "--data", "--admin-token", "--router", "--dns", "--domain", "--ntp"];

    [Fact]
    public async Task Help_ExplainsEveryFlagOfTheContract()
    {
        var result = await HostProcess.RunToEndAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var flag in ContractFlags)
        {
            var line = result.StandardOutput.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal));
            Assert.True(line is not null && line.Trim().Length > flag.Length + 20, $"--help does not explain {flag}:\n{result.StandardOutput}");
        }

        Assert.Contains("appsettings.json", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFlag_FailsWithExitCode2AndNamesIt()
    {
        var result = await HostProcess.RunToEndAsync("--colour", "blue");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--colour", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSettings_NameEachFlagAndTheFix()
    {
        var result = await HostProcess.RunToEndAsync("--services", "http", "--address", "192.0.2.1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--data: required", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--inventory: required", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidInventory_FailsAtStartWithLineAndField()
    {
        // The host refuses to start and prints every problem. The parser's own messages, one per error path, are
        // asserted in-process by Inventory/InventoryParserErrorTests.
        using var layout = new HostLayout();
        layout.WriteInventory("""
            profiles:
              - name: live
                kernel: vmlinuz
            machines:
              - mac: 52:54:00:12:34:56
                profile: missing
              - mac: 52:54:00:12:34:57
                ip: 192.0.2.300
                colour: blue
            """);

        var result = await HostProcess.RunToEndAsync(
            "--services", "http", "--interface", "lo", "--address", "127.0.0.1", "--images", layout.Images,
            "--http-port", "18099", "--inventory", layout.InventoryPath, "--data", layout.Data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("inventory.yaml:6:14: machines[0].profile: no profile is named 'missing'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("inventory.yaml:8:9: machines[1].ip: '192.0.2.300' is not an IPv4 address", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("inventory.yaml:9:5: machines[1].colour: unknown field 'colour'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_SetsWhatTheCommandLineDoesNot()
    {
        using var layout = new HostLayout();
        layout.WriteInventory("machines: []\n");
        var environment = new Dictionary<string, string> { ["Netboot__DhcpRange"] = "10.9.9.1-10.9.9.5" };

        var (process, output) = ProcessRunner.Start("dotnet", [HostProcess.AssemblyPath, "--services", "dhcp,http", "--interface", "lo", "--address", "127.0.0.1", "--images", layout.Images, "--inventory", layout.InventoryPath, "--data", layout.Data], environment);
        using (process)
        {
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("--dhcp-range: 10.9.9.1-10.9.9.5 is outside 127.0.0.1/8", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SubnetOptions_BadValues_NameEachFlagAndTheFix()
    {
        using var layout = new HostLayout();
        layout.WriteInventory("machines: []\n");

        var result = await HostProcess.RunToEndAsync(
            "--services", "dhcp,http", "--interface", "lo", "--address", "127.0.0.1", "--dhcp-range", "127.0.0.100-127.0.0.120",
            "--router", "192.0.2.1", "--dns", "127.0.0.53,nameserver", "--domain", "bad_domain", "--ntp", "time",
            "--images", layout.Images, "--inventory", layout.InventoryPath, "--data", layout.Data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--router: 192.0.2.1 is outside 127.0.0.1/8; machines can only reach a gateway on their own subnet.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--dns: 'nameserver' is not an IPv4 address", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--domain: 'bad_domain' is not a domain name", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--ntp: 'time' is not an IPv4 address", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubnetOptions_WithProxyDhcp_AreRefused()
    {
        using var layout = new HostLayout();
        layout.WriteInventory("machines: []\n");

        var result = await HostProcess.RunToEndAsync(
            "--services", "dhcp,http", "--interface", "lo", "--address", "127.0.0.1", "--proxy-dhcp", "--dns", "127.0.0.53",
            "--images", layout.Images, "--inventory", layout.InventoryPath, "--data", layout.Data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dns: applies to full DHCP only (with --dhcp-range)", result.StandardError, StringComparison.Ordinal);
    }
}
