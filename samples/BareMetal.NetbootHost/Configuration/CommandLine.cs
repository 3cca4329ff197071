using System.Text;

namespace BareMetal.NetbootHost.Configuration;

/// <summary>
/// The command line contract: each flag maps to one configuration key, so the same setting can come from
/// appsettings.json or the environment. Parsed by hand (not AddCommandLine) to support value-less flags,
/// reject unknown ones and print a help that explains each.
/// </summary>
internal static class CommandLine
{
    private sealed record Flag(string Name, string? Value, string Key, string Help);

    private static readonly Flag[] Flags =
    [
        new("--interface", "IF", "Netboot:Interface", "Network interface DHCP and TFTP answer on (e.g. eth1). Required with the dhcp or tftp service."),
        new("--address", "IP", "Netboot:Address", "This host's IPv4 address on that interface; the served subnet is its prefix (read from the interface, or given as IP/PREFIX). Scripts, images and the API are advertised at http://IP:PORT."),
        new("--dhcp-range", "FIRST-LAST", "Netboot:DhcpRange", "Full DHCP: hand out leases from FIRST to LAST (e.g. 192.0.2.100-192.0.2.199) plus the inventory's reservations."),
        new("--router", "IP", "Netboot:Router", "Full DHCP: the default gateway handed to machines (option 3); an address of the served subnet."),
        new("--dns", "IP[,IP]", "Netboot:Dns", "Full DHCP: DNS servers handed to machines (option 6), comma-separated."),
        new("--domain", "NAME", "Netboot:Domain", "Full DHCP: the domain name handed to machines (option 15), also their search domain (option 119)."),
        new("--ntp", "IP[,IP]", "Netboot:Ntp", "Full DHCP: NTP servers handed to machines (option 42), comma-separated."),
        new("--config", "FILE", "Netboot:Config", "Host configuration file (YAML): DHCP subnets with pools and options, including relayed ones (docs/dhcp-server.md). Checked at start with file, line, field and fix."),
        new("--proxy-dhcp", null, "Netboot:ProxyDhcp", "ProxyDHCP: another server hands out addresses; this host only answers PXE boot requests (no leases)."),
        new("--services", "LIST", "Netboot:Services", "Comma-separated services to run: dhcp, tftp, http (default: dhcp,tftp,http)."),
        new("--tftp-root", "DIR", "Netboot:TftpRoot", "Folder served read-only over TFTP by file name (the iPXE binaries undionly.kpxe, snponly.efi, ipxe.efi)."),
        new("--images", "DIR", "Netboot:Images", "Folder served over HTTP at /images/<name> (kernels, initrds, disk images)."),
        new("--http-port", "PORT", "Netboot:HttpPort", "HTTP port for /ipxe/{mac} scripts, /images, /api/v1 and the live page at / (default 8080)."),
        new("--inventory", "FILE", "Netboot:Inventory", "Inventory of profiles and machines (YAML, or JSON). Validated at start; reloaded when it changes (a bad edit is rejected and the last good one kept)."),
        new("--data", "DIR", "Netboot:Data", "State folder: machines, events and workflow progress (SQLite), DHCP lease journal, generated admin token. Survives restarts."),
        new("--admin-token", "TOKEN", "Netboot:AdminToken", "Bearer token for API writes and for reading all machines. Default: configuration/environment (Netboot__AdminToken), else one generated once and kept in DIR/admin-token."),
        new("--lease-time", "SECONDS", "Netboot:LeaseTimeSeconds", "Lease time for full DHCP (default 3600)."),
        new("--known-only", null, "Netboot:KnownMachinesOnly", "Answer DHCP only for machines listed in the inventory (unknown machines are still recorded as discovered)."),
        new("--no-http-loopback", null, "Netboot:HttpLoopback", "Do not also listen on 127.0.0.1:PORT (by default the API is reachable locally too)."),
        new("--log-level", "LEVEL", "Logging:LogLevel:Default", "Trace, Debug, Information (default), Warning or Error."),
    ];

    /// <summary>Parses <paramref name="args"/> into configuration keys.</summary>
    /// <returns>False with <paramref name="error"/> set when a flag is unknown or lacks its value.</returns>
    public static bool TryParse(string[] args, out Dictionary<string, string?> values, out bool help, out string? error)
    {
        values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        help = false;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                help = true;
                continue;
            }

            string name = arg;
            string? inline = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }

            var flag = Array.Find(Flags, f => string.Equals(f.Name, name, StringComparison.Ordinal));
            if (flag is null)
            {
                error = $"unknown option '{arg}'; run baremetal-host --help for the list.";
                return false;
            }

            if (flag.Value is null)
            {
                // --no-http-loopback turns a default-on setting off; the other bare flags turn one on.
                var on = flag.Name.StartsWith("--no-", StringComparison.Ordinal) ? "false" : "true";
                values[flag.Key] = inline ?? on;
                continue;
            }

            if (inline is null)
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"{flag.Name} needs a value: {flag.Name} {flag.Value}.";
                    return false;
                }

                inline = args[++i];
            }

            values[flag.Key] = inline;
        }

        return true;
    }

    /// <summary>The text of --help.</summary>
    public static string HelpText()
    {
        var text = new StringBuilder();
        text.AppendLine("baremetal-host: netboot and provision machines (DHCP/proxyDHCP, TFTP, iPXE scripts, images, API).");
        text.AppendLine();
        text.AppendLine("Usage:");
        text.AppendLine("  baremetal-host --interface IF --address IP [--dhcp-range FIRST-LAST | --proxy-dhcp]");
        text.AppendLine("                 [--services dhcp,tftp,http] --tftp-root DIR --images DIR --http-port PORT");
        text.AppendLine("                 --inventory FILE --data DIR [--admin-token TOKEN]");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var flag in Flags)
        {
            var left = flag.Value is null ? flag.Name : $"{flag.Name} {flag.Value}";
            text.Append("  ").Append(left.PadRight(26)).AppendLine(flag.Help);
            text.Append(' ', 28).Append("config key ").Append(flag.Key).Append(", environment ").AppendLine(flag.Key.Replace(":", "__", StringComparison.Ordinal));
        }

        text.Append("  ").Append("-h, --help".PadRight(26)).AppendLine("Show this help and exit.");
        text.AppendLine();
        text.AppendLine("Every option can also be set in appsettings.json (next to the program) or the environment;");
        text.AppendLine("the command line wins over the environment, which wins over appsettings.json.");
        text.AppendLine("Endpoints: GET /ipxe/{mac}, /images/<name>, /api/v1/... (docs/host-api.md), live page at /.");
        return text.ToString();
    }
}
