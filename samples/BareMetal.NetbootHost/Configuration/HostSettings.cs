using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using BareMetal.NetbootHost.Inventory;

namespace BareMetal.NetbootHost.Configuration;

/// <summary>
/// <see cref="NetbootOptions"/> checked and resolved once at start: parsed addresses, the subnet read from
/// the interface, absolute folders. Every problem names the flag and the fix.
/// </summary>
internal sealed class HostSettings
{
    private HostSettings()
    {
    }

    public string? Interface { get; private init; }

    public required IPAddress Address { get; init; }

    public int PrefixLength { get; private init; }

    public required IPAddress Network { get; init; }

    public IPAddress? RangeFirst { get; private init; }

    public IPAddress? RangeLast { get; private init; }

    public bool ProxyDhcp { get; private init; }

    /// <summary>Subnets from --config (relayed ones, or the interface's own when --dhcp-range is not given).</summary>
    public IReadOnlyList<BareMetal.Dhcp.Server.Configuration.DhcpSubnetOptions> ConfiguredSubnets { get; private init; } = [];

    /// <summary>What full DHCP hands out beside the address: router, DNS, domain, NTP (--router, --dns, --domain, --ntp).</summary>
    public SubnetSettings Subnet { get; private init; } = SubnetSettings.None;

    public bool RunDhcp { get; private init; }

    public bool RunTftp { get; private init; }

    public bool RunHttp { get; private init; }

    public string? TftpRoot { get; private init; }

    public required string ImagesRoot { get; init; }

    public int HttpPort { get; private init; }

    public bool HttpLoopback { get; private init; }

    public required string InventoryPath { get; init; }

    public required string DataDirectory { get; init; }

    public TimeSpan LeaseTime { get; private init; }

    public bool KnownMachinesOnly { get; private init; }

    /// <summary>http://ADDRESS:PORT, the base every script and workflow URL starts with.</summary>
    public string BaseUrl => $"http://{Address}:{HttpPort}";

    public static bool TryResolve(NetbootOptions options, out HostSettings? settings, out List<string> errors)
    {
        errors = [];
        settings = null;

        var services = (options.Services ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).ToHashSet();
        foreach (var unknown in services.Where(s => s is not ("dhcp" or "tftp" or "http")))
        {
            errors.Add($"--services: unknown service '{unknown}'; use a comma-separated list of dhcp, tftp, http.");
        }

        var runDhcp = services.Contains("dhcp");
        var runTftp = services.Contains("tftp");
        var runHttp = services.Contains("http");

        IPAddress? address = null;
        var prefix = -1;
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            errors.Add("--address: required; pass this host's IPv4 address on --interface, such as --address 192.0.2.1.");
        }
        else
        {
            var text = options.Address.Trim();
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                if (!int.TryParse(text[(slash + 1)..], out prefix) || prefix is < 1 or > 30)
                {
                    errors.Add($"--address: '{options.Address}' has an invalid prefix; use 1..30, such as 192.0.2.1/24.");
                }

                text = text[..slash];
            }

            if (!IPAddress.TryParse(text, out address) || address.AddressFamily != AddressFamily.InterNetwork)
            {
                errors.Add($"--address: '{options.Address}' is not an IPv4 address; pass one such as 192.0.2.1.");
                address = null;
            }
        }

        if ((runDhcp || runTftp) && string.IsNullOrWhiteSpace(options.Interface))
        {
            errors.Add("--interface: required when the dhcp or tftp service runs; name the interface that faces the machines.");
        }

        if (address is not null && !string.IsNullOrWhiteSpace(options.Interface))
        {
            var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == options.Interface);
            if (nic is null)
            {
                errors.Add($"--interface: no interface is named '{options.Interface}'; pick one of: {string.Join(", ", NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name))}.");
            }
            else
            {
                var unicast = nic.GetIPProperties().UnicastAddresses.FirstOrDefault(u => u.Address.Equals(address));
                if (unicast is null)
                {
                    errors.Add($"--address: {address} is not assigned to {options.Interface}; pass an address of that interface (ip addr show {options.Interface}).");
                }
                else if (prefix < 0)
                {
                    prefix = unicast.PrefixLength;
                }
            }
        }

        if (prefix < 0)
        {
            prefix = 24;
        }

        IPAddress? first = null, last = null;
        if (runDhcp)
        {
            if (options.ProxyDhcp && !string.IsNullOrWhiteSpace(options.DhcpRange))
            {
                errors.Add("--dhcp-range/--proxy-dhcp: choose one; a proxyDHCP server hands out no addresses.");
            }
            else if (!options.ProxyDhcp && string.IsNullOrWhiteSpace(options.DhcpRange) && string.IsNullOrWhiteSpace(options.Config))
            {
                errors.Add("--dhcp-range: required for full DHCP; pass FIRST-LAST (such as 192.0.2.100-192.0.2.199), subnets in --config FILE, or --proxy-dhcp.");
            }
            else if (!options.ProxyDhcp && !string.IsNullOrWhiteSpace(options.DhcpRange))
            {
                var parts = options.DhcpRange!.Split('-', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out first) || !IPAddress.TryParse(parts[1], out last)
                    || first.AddressFamily != AddressFamily.InterNetwork || last.AddressFamily != AddressFamily.InterNetwork)
                {
                    errors.Add($"--dhcp-range: '{options.DhcpRange}' is not FIRST-LAST; write two IPv4 addresses such as 192.0.2.100-192.0.2.199.");
                    first = last = null;
                }
                else if (ToUInt(first) > ToUInt(last))
                {
                    errors.Add($"--dhcp-range: {first} comes after {last}; write the lower address first.");
                }
                else if (address is not null && (!InventoryParser.InSubnet(first, address, prefix) || !InventoryParser.InSubnet(last, address, prefix)))
                {
                    errors.Add($"--dhcp-range: {options.DhcpRange} is outside {address}/{prefix}; pick addresses of the interface's subnet.");
                }
                else if (address is not null && ToUInt(first) <= ToUInt(address) && ToUInt(address) <= ToUInt(last))
                {
                    errors.Add($"--dhcp-range: {options.DhcpRange} contains this host's own address {address}; leave it out of the range.");
                }
            }
        }

        var configured = ConfiguredSubnetsFrom(options, runDhcp, errors);
        if (address is not null && configured.Any(c => c.Network == $"{FromUInt(ToUInt(address) & (uint.MaxValue << (32 - prefix)))}/{prefix}")
            && !string.IsNullOrWhiteSpace(options.DhcpRange))
        {
            errors.Add($"--config: the file lists this interface's subnet {FromUInt(ToUInt(address) & (uint.MaxValue << (32 - prefix)))}/{prefix}, which --dhcp-range already defines; keep one of the two.");
        }

        var subnet = SubnetSettings.Resolve(options, address, prefix, runDhcp && !options.ProxyDhcp, errors);
        var tftpRoot = Folder(options.TftpRoot, "--tftp-root", runTftp, mustExist: true, errors);
        var images = Folder(options.Images, "--images", runHttp, mustExist: true, errors);
        var data = Folder(options.Data, "--data", required: true, mustExist: false, errors);
        if (options.HttpPort is < 1 or > 65535)
        {
            errors.Add($"--http-port: {options.HttpPort} is not a TCP port; use 1..65535.");
        }

        if (options.LeaseTimeSeconds is < 60 or > 31_536_000)
        {
            errors.Add($"--lease-time: {options.LeaseTimeSeconds} is out of range; use 60..31536000 seconds.");
        }

        string? inventory = null;
        if (string.IsNullOrWhiteSpace(options.Inventory))
        {
            errors.Add("--inventory: required; pass the YAML (or JSON) file listing profiles and machines.");
        }
        else if (!File.Exists(options.Inventory))
        {
            errors.Add($"--inventory: {Path.GetFullPath(options.Inventory)} does not exist; create it (an empty file is a valid, empty inventory).");
        }
        else
        {
            inventory = Path.GetFullPath(options.Inventory);
        }

        if (errors.Count > 0 || address is null)
        {
            return false;
        }

        settings = new HostSettings
        {
            Interface = options.Interface,
            Address = address,
            PrefixLength = prefix,
            Network = FromUInt(ToUInt(address) & (uint.MaxValue << (32 - prefix))),
            RangeFirst = first,
            RangeLast = last,
            ProxyDhcp = options.ProxyDhcp,
            Subnet = subnet,
            ConfiguredSubnets = configured,
            RunDhcp = runDhcp,
            RunTftp = runTftp,
            RunHttp = runHttp,
            TftpRoot = tftpRoot,
            ImagesRoot = images ?? Path.Combine(data!, "images"),
            HttpPort = options.HttpPort,
            HttpLoopback = options.HttpLoopback,
            InventoryPath = inventory!,
            DataDirectory = data!,
            LeaseTime = TimeSpan.FromSeconds(options.LeaseTimeSeconds),
            KnownMachinesOnly = options.KnownMachinesOnly,
        };
        return true;
    }

    private static IReadOnlyList<BareMetal.Dhcp.Server.Configuration.DhcpSubnetOptions> ConfiguredSubnetsFrom(NetbootOptions options, bool runDhcp, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Config))
        {
            return [];
        }

        var path = Path.GetFullPath(options.Config);
        if (!File.Exists(path))
        {
            errors.Add($"--config: {path} does not exist; create it or leave --config out.");
            return [];
        }

        if (!HostConfigFile.TryParse(File.ReadAllText(path), path, out var subnets, out var problems))
        {
            errors.AddRange(problems.Select(p => p.ToString()));
            return [];
        }

        if (subnets.Count > 0 && (!runDhcp || options.ProxyDhcp))
        {
            errors.Add($"--config: {path} lists DHCP subnets, which only full DHCP hands out; run the dhcp service without --proxy-dhcp, or remove 'dhcp.subnets'.");
        }

        return subnets;
    }

    private static uint ToUInt(IPAddress ip) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());

    private static IPAddress FromUInt(uint value)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private static string? Folder(string? value, string flag, bool required, bool mustExist, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{flag}: required; pass a folder.");
            }

            return null;
        }

        var full = Path.GetFullPath(value);
        if (mustExist && !Directory.Exists(full))
        {
            errors.Add($"{flag}: {full} is not a folder; create it or pass an existing one.");
            return null;
        }

        return full;
    }
}
