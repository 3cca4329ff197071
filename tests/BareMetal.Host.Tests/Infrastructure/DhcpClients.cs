using System.Globalization;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>Real DHCP clients (BusyBox udhcpc, ISC dhclient) run on a client link of the lab.</summary>
internal static class DhcpClients
{
    /// <summary>BIOS PXE firmware's vendor class (option 60) and architecture (option 93 = 0).</summary>
    public static readonly string[] BiosPxe = ["-V", "PXEClient:Arch:00000:UNDI:002001", "-x", "0x5d:0000"];

    /// <summary>UEFI x64 PXE firmware (option 93 = 7).</summary>
    public static readonly string[] UefiPxe = ["-V", "PXEClient:Arch:00007:UNDI:003000", "-x", "0x5d:0007"];

    /// <summary>iPXE on BIOS: option 77 user class "iPXE" as iPXE sends it.</summary>
    public static readonly string[] BiosIpxe = ["-V", "PXEClient:Arch:00000:UNDI:002001", "-x", "0x5d:0000", "-x", "0x4d:69505845"];

    /// <summary>
    /// Runs udhcpc once (up to 5 discovers, 1 s apart) and returns the variables its script saw on "bound"
    /// (ip, siaddr, boot_file, hostname, ...), or null when it got no lease.
    /// </summary>
    public static Task<IReadOnlyDictionary<string, string>?> UdhcpcAsync(NetworkLab lab, string link, params string[] options) =>
        UdhcpcAsync(lab.ClientNamespace, link, options);

    /// <summary>Runs udhcpc as <see cref="UdhcpcAsync(NetworkLab, string, string[])"/> does, in namespace <paramref name="ns"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> UdhcpcAsync(string ns, string link, params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("bmho-udhcpc-").FullName;
        try
        {
            var script = Path.Combine(folder, "script.sh");
            var output = Path.Combine(folder, "bound.env");
            await File.WriteAllTextAsync(script, $"#!/bin/sh\n[ \"$1\" = bound ] || exit 0\nenv > {output}\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var result = await ProcessRunner.RunAsync(
                "ip",
                ["netns", "exec", ns, "udhcpc", "-f", "-q", "-n", "-t", "5", "-T", "1", "-A", "1", "-i", link, "-s", script, .. options],
                TimeSpan.FromSeconds(30));
            return File.Exists(output) ? ParseEnv(await File.ReadAllTextAsync(output)) : null;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs dhclient in the foreground until its script sees BOUND (or 30 s pass); returns the new address.</summary>
    public static async Task<string?> DhclientAsync(NetworkLab lab, string link)
    {
        var folder = Directory.CreateTempSubdirectory("bmho-dhclient-").FullName;
        try
        {
            var script = Path.Combine(folder, "script.sh");
            var output = Path.Combine(folder, "bound.env");
            await File.WriteAllTextAsync(script, $"#!/bin/sh\ncase \"$reason\" in BOUND|RENEW|REBOOT) env > {output}.tmp && mv {output}.tmp {output};; esac\nexit 0\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var config = Path.Combine(folder, "dhclient.conf");
            await File.WriteAllTextAsync(config, "timeout 25;\nretry 1;\ninitial-interval 1;\n");
            var (process, log) = ProcessRunner.Start("ip", [
                "netns", "exec", lab.ClientNamespace, "dhclient", "-4", "-d", "-1", "-v",
                "-cf", config, "-sf", script, "-lf", Path.Combine(folder, "leases"), "-pf", Path.Combine(folder, "pid"), link,
            ]);
            using (process)
            {
                try
                {
                    for (var i = 0; i < 120 && !File.Exists(output) && !process.HasExited; i++)
                    {
                        await Task.Delay(250);
                    }
                }
                finally
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync();
                    }
                }

                return File.Exists(output) ? ParseEnv(await File.ReadAllTextAsync(output)).GetValueOrDefault("new_ip_address") : throw new InvalidOperationException($"dhclient got no lease:\n{log}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> ParseEnv(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim('\'', '"'), StringComparer.Ordinal);

    /// <summary>True when <paramref name="ip"/> lies in the host's --dhcp-range of the tests.</summary>
    public static bool InTestRange(string ip)
    {
        var parts = ip.Split('.');
        return parts.Length == 4 && parts[0] == "192" && parts[1] == "0" && parts[2] == "2"
            && int.Parse(parts[3], CultureInfo.InvariantCulture) is >= 100 and <= 149;
    }
}
