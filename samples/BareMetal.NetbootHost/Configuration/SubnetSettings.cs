using System.Net;
using System.Net.Sockets;
using BareMetal.NetbootHost.Inventory;

namespace BareMetal.NetbootHost.Configuration;

/// <summary>
/// The common case of a subnet's DHCP options from the command line: --router, --dns, --domain, --ntp. Checked at start
/// with errors that name the flag and the fix; handed to BareMetal.Dhcp.Server as the served subnet's options.
/// </summary>
internal sealed record SubnetSettings(IPAddress? Router, IReadOnlyList<IPAddress> DnsServers, string? Domain, IReadOnlyList<IPAddress> NtpServers)
{
    public static readonly SubnetSettings None = new(null, [], null, []);

    public static SubnetSettings Resolve(NetbootOptions options, IPAddress? address, int prefix, bool fullDhcp, List<string> errors)
    {
        var given = new (string Flag, string? Value)[] { ("--router", options.Router), ("--dns", options.Dns), ("--domain", options.Domain), ("--ntp", options.Ntp) }
            .Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .ToList();
        if (!fullDhcp)
        {
            foreach (var (flag, _) in given)
            {
                errors.Add($"{flag}: applies to full DHCP only (with --dhcp-range); in proxyDHCP mode the site's DHCP server hands out these options.");
            }

            return None;
        }

        IPAddress? router = null;
        if (!string.IsNullOrWhiteSpace(options.Router))
        {
            if (!TryIPv4(options.Router, out router))
            {
                errors.Add($"--router: '{options.Router}' is not an IPv4 address; give the gateway's address on the served subnet.");
            }
            else if (address is not null && !InventoryParser.InSubnet(router, address, prefix))
            {
                errors.Add($"--router: {router} is outside {address}/{prefix}; machines can only reach a gateway on their own subnet.");
            }
        }

        var domain = options.Domain?.Trim().TrimEnd('.');
        if (!string.IsNullOrWhiteSpace(options.Domain) && (string.IsNullOrEmpty(domain) || !InventoryParser.IsHostName(domain)))
        {
            errors.Add($"--domain: '{options.Domain}' is not a domain name; use labels of letters, digits and '-' separated by dots, such as lab.example.test.");
            domain = null;
        }

        return new SubnetSettings(router, AddressList(options.Dns, "--dns", errors), string.IsNullOrEmpty(domain) ? null : domain, AddressList(options.Ntp, "--ntp", errors));
    }

    private static List<IPAddress> AddressList(string? value, string flag, List<string> errors)
    {
        var addresses = new List<IPAddress>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return addresses;
        }

        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (TryIPv4(part, out var ip))
            {
                addresses.Add(ip);
            }
            else
            {
                errors.Add($"{flag}: '{part}' is not an IPv4 address; give a comma-separated list such as 192.0.2.53,192.0.2.54.");
            }
        }

        return addresses;
    }

    private static bool TryIPv4(string text, out IPAddress ip) =>
        IPAddress.TryParse(text.Trim(), out ip!) && ip.AddressFamily == AddressFamily.InterNetwork;
}
