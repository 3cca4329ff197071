using System.Text;
using BareMetal.Dhcp.Server.Addressing;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Leases;

namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>
/// <see cref="DhcpServerOptions"/> parsed and cross-checked once: addresses as numbers, reservations in dictionaries.
/// <see cref="TryCreate"/> collects every problem with the field's path and the fix, for the options validator.
/// </summary>
internal sealed class DhcpServerConfiguration
{
    private DhcpServerConfiguration()
    {
    }

    public required InterfaceConfiguration[] Interfaces { get; init; }

    public required SubnetConfiguration[] Subnets { get; init; }

    public Dictionary<MacAddress, ReservationConfiguration> ReservationsByMac { get; } = [];

    public Dictionary<DhcpClientKey, ReservationConfiguration> ReservationsByClientId { get; } = [];

    public Dictionary<Ipv4Address, ReservationConfiguration> ReservationsByAddress { get; } = [];

    public HashSet<MacAddress> KnownMacs { get; } = [];

    public required long OfferTimeoutMilliseconds { get; init; }

    public required long DeclineQuarantineMilliseconds { get; init; }

    public required long DiscoveredIntervalMilliseconds { get; init; }

    public required bool Authoritative { get; init; }

    public required bool KnownClientsOnly { get; init; }

    public required int MaxPacketsPerClientPerSecond { get; init; }

    public required BootPolicyOptions Boot { get; init; }

    public Ipv4Address? TftpServer { get; init; }

    /// <summary>Parses and checks <paramref name="options"/>; on failure <paramref name="errors"/> names every bad field.</summary>
    public static bool TryCreate(DhcpServerOptions options, out DhcpServerConfiguration? configuration, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        errors = [];
        configuration = null;

        if (options.LeaseTime < TimeSpan.FromSeconds(10) || options.LeaseTime.TotalSeconds >= uint.MaxValue)
        {
            errors.Add($"LeaseTime: {options.LeaseTime} is out of range; use at least 10 seconds (for example 01:00:00).");
        }

        if (options.OfferTimeout <= TimeSpan.Zero)
        {
            errors.Add($"OfferTimeout: {options.OfferTimeout} must be positive; the default is 00:00:30.");
        }

        if (options.LeaseSweepInterval < TimeSpan.Zero)
        {
            errors.Add($"LeaseSweepInterval: {options.LeaseSweepInterval} is negative; use a positive interval (the default is 00:00:10) or 00:00:00 to turn the sweep off.");
        }

        if (options.LeaseSweepBatch <= 0)
        {
            errors.Add($"LeaseSweepBatch: {options.LeaseSweepBatch} must be positive; the default is 1000.");
        }

        if (options.DeclineQuarantine < TimeSpan.Zero)
        {
            errors.Add($"DeclineQuarantine: {options.DeclineQuarantine} must not be negative; the default is 00:10:00.");
        }

        if (options.JournalSyncInterval <= TimeSpan.Zero)
        {
            errors.Add($"JournalSyncInterval: {options.JournalSyncInterval} must be positive; the default is 00:00:00.200.");
        }

        if (options.MaxPacketsPerClientPerSecond < 0)
        {
            errors.Add($"MaxPacketsPerClientPerSecond: {options.MaxPacketsPerClientPerSecond} must be 0 (no limit) or positive.");
        }

        if (!Enum.IsDefined(options.JournalSync))
        {
            errors.Add($"JournalSync: '{options.JournalSync}' is not one of Durable, Interval, None.");
        }

        var subnets = CompileSubnets(options, errors);
        var interfaces = CompileInterfaces(options, subnets, errors);

        Ipv4Address? tftp = null;
        if (options.Boot.TftpServer is { } tftpText)
        {
            if (Ipv4.TryParse(tftpText, out var tftpValue))
            {
                tftp = new Ipv4Address(tftpValue);
            }
            else
            {
                errors.Add($"Boot.TftpServer: '{tftpText}' is not an IPv4 address; write four octets such as 192.0.2.1, or leave it empty to use each interface's ServerAddress.");
            }
        }

        if (options.Boot.HttpPort is < 1 or > 65535)
        {
            errors.Add($"Boot.HttpPort: {options.Boot.HttpPort} is not a TCP port; use 1-65535.");
        }

        if (string.IsNullOrWhiteSpace(options.Boot.IpxeScriptUrl) || !options.Boot.IpxeScriptUrl.Contains("://", StringComparison.Ordinal))
        {
            errors.Add($"Boot.IpxeScriptUrl: '{options.Boot.IpxeScriptUrl}' is not a URL template; use for example http://{{server}}:{{port}}/ipxe/{{mac}}.");
        }

        var result = new DhcpServerConfiguration
        {
            Interfaces = [.. interfaces],
            Subnets = [.. subnets],
            OfferTimeoutMilliseconds = (long)options.OfferTimeout.TotalMilliseconds,
            DeclineQuarantineMilliseconds = (long)options.DeclineQuarantine.TotalMilliseconds,
            DiscoveredIntervalMilliseconds = (long)options.DiscoveredEventInterval.TotalMilliseconds,
            Authoritative = options.Authoritative,
            KnownClientsOnly = options.KnownClientsOnly,
            MaxPacketsPerClientPerSecond = options.MaxPacketsPerClientPerSecond,
            Boot = options.Boot,
            TftpServer = tftp,
        };

        CompileReservations(options, subnets, result, errors);
        for (var i = 0; i < options.KnownMacs.Count; i++)
        {
            if (MacAddress.TryParse(options.KnownMacs[i], out var mac))
            {
                result.KnownMacs.Add(mac);
            }
            else
            {
                errors.Add($"KnownMacs[{i}]: '{options.KnownMacs[i]}' is not a MAC address; write six hex octets such as 52:54:00:12:34:56.");
            }
        }

        if (errors.Count > 0)
        {
            return false;
        }

        configuration = result;
        return true;
    }

    private static List<SubnetConfiguration> CompileSubnets(DhcpServerOptions options, List<string> errors)
    {
        var subnets = new List<SubnetConfiguration>();
        var allPools = new List<(AddressRange Range, string Path)>();
        for (var s = 0; s < options.Subnets.Count; s++)
        {
            var subnet = options.Subnets[s];
            var path = $"Subnets[{s}]";
            if (!Ipv4.TryParseCidr(subnet.Network, out var network, out var prefix))
            {
                errors.Add($"{path}.Network: '{subnet.Network}' is not a subnet; write it in CIDR notation with a prefix of 1-30, such as 192.0.2.0/24.");
                continue;
            }

            var mask = Ipv4.MaskOf(prefix);
            if ((network & ~mask) != 0)
            {
                errors.Add($"{path}.Network: '{subnet.Network}' has host bits set; write the network address, {Ipv4.Format(network & mask)}/{prefix}.");
                continue;
            }

            foreach (var other in subnets)
            {
                var common = Ipv4.MaskOf(Math.Min(prefix, other.PrefixLength));
                if ((network & common) == (other.Network.Value & common))
                {
                    errors.Add($"{path}.Network: '{subnet.Network}' overlaps Subnets[{other.Index}] ('{other.Text}'); subnets must be disjoint.");
                }
            }

            var pools = new List<AddressRange>();
            for (var p = 0; p < subnet.Pools.Count; p++)
            {
                var text = subnet.Pools[p];
                var poolPath = $"{path}.Pools[{p}]";
                var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
                if (text is null || dash < 0 || !Ipv4.TryParse(text[..dash], out var first) || !Ipv4.TryParse(text[(dash + 1)..], out var last))
                {
                    errors.Add($"{poolPath}: '{text}' is not a range; write FIRST-LAST, such as 192.0.2.100-192.0.2.199.");
                    continue;
                }

                if (first > last)
                {
                    errors.Add($"{poolPath}: '{text}' starts after it ends; write the lower address first.");
                    continue;
                }

                if ((first & mask) != network || (last & mask) != network)
                {
                    errors.Add($"{poolPath}: '{text}' is not inside {subnet.Network}; move the range into the subnet or fix the subnet.");
                    continue;
                }

                if (first == network || last == (network | ~mask))
                {
                    errors.Add($"{poolPath}: '{text}' includes the network or broadcast address of {subnet.Network}; start after {Ipv4.Format(network)} and end before {Ipv4.Format(network | ~mask)}.");
                    continue;
                }

                var range = new AddressRange(first, last);
                foreach (var (other, otherPath) in allPools)
                {
                    if (range.Overlaps(other))
                    {
                        errors.Add($"{poolPath}: '{text}' overlaps {otherPath}; pools must not share addresses.");
                    }
                }

                allPools.Add((range, poolPath));
                pools.Add(range);
            }

            Ipv4Address? router = null;
            if (subnet.Router is not null)
            {
                if (Ipv4.TryParse(subnet.Router, out var r) && (r & mask) == network)
                {
                    router = new Ipv4Address(r);
                }
                else
                {
                    errors.Add($"{path}.Router: '{subnet.Router}' is not an address inside {subnet.Network}; give the gateway's address on this subnet or leave it empty.");
                }
            }

            var dns = new List<Ipv4Address>();
            for (var d = 0; d < subnet.DnsServers.Count; d++)
            {
                if (Ipv4.TryParse(subnet.DnsServers[d], out var a))
                {
                    dns.Add(new Ipv4Address(a));
                }
                else
                {
                    errors.Add($"{path}.DnsServers[{d}]: '{subnet.DnsServers[d]}' is not an IPv4 address.");
                }
            }

            if (subnet.LeaseTime is { } leaseTime && (leaseTime < TimeSpan.FromSeconds(10) || leaseTime.TotalSeconds >= uint.MaxValue))
            {
                errors.Add($"{path}.LeaseTime: {leaseTime} is out of range; use at least 10 seconds or leave it empty for the server's LeaseTime.");
            }

            if (subnet.DomainName is { Length: > 255 })
            {
                errors.Add($"{path}.DomainName: longer than 255 bytes; shorten it.");
            }

            var ntp = new List<Ipv4Address>();
            for (var n = 0; n < subnet.NtpServers.Count; n++)
            {
                if (Ipv4.TryParse(subnet.NtpServers[n], out var a))
                {
                    ntp.Add(new Ipv4Address(a));
                }
                else
                {
                    errors.Add($"{path}.NtpServers[{n}]: '{subnet.NtpServers[n]}' is not an IPv4 address.");
                }
            }

            if (subnet.Mtu is { } mtu && mtu is < 68 or > 65535)
            {
                errors.Add($"{path}.Mtu: {mtu} is out of range; RFC 2132 §5.1 allows 68 to 65535 (Ethernet: 1500).");
            }

            SubnetOptionEncoding.TryEncodeDomainSearch(subnet.DomainSearch, path, errors, out var search);
            SubnetOptionEncoding.TryEncodeClasslessRoutes(subnet.ClasslessRoutes, router, path, errors, out var routes);

            subnets.Add(new SubnetConfiguration
            {
                Index = s,
                Text = subnet.Network,
                Network = new Ipv4Address(network),
                PrefixLength = prefix,
                Pools = [.. pools],
                Router = router,
                DnsServers = [.. dns],
                DomainName = string.IsNullOrEmpty(subnet.DomainName) ? null : Encoding.ASCII.GetBytes(subnet.DomainName),
                DomainSearch = search,
                NtpServers = [.. ntp],
                Mtu = subnet.Mtu is >= 68 and <= 65535 ? (ushort)subnet.Mtu.Value : null,
                ClasslessRoutes = routes,
                LeaseSeconds = (uint)Math.Clamp((subnet.LeaseTime ?? options.LeaseTime).TotalSeconds, 10, uint.MaxValue - 1),
                Cursor = pools.Count > 0 ? pools[0].First : 0,
            });
        }

        return subnets;
    }

    private static List<InterfaceConfiguration> CompileInterfaces(DhcpServerOptions options, List<SubnetConfiguration> subnets, List<string> errors)
    {
        var interfaces = new List<InterfaceConfiguration>();
        if (options.Interfaces.Count == 0)
        {
            errors.Add("Interfaces: no interface configured; add one with a Name (such as eth1) and its ServerAddress.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Interfaces.Count; i++)
        {
            var item = options.Interfaces[i];
            var path = $"Interfaces[{i}]";
            if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 15 || item.Name.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"{path}.Name: '{item.Name}' is not an interface name; give the Linux name (1-15 characters, such as eth1).");
                continue;
            }

            if (!names.Add(item.Name))
            {
                errors.Add($"{path}.Name: '{item.Name}' is listed twice; list each interface once.");
            }

            if (!Ipv4.TryParse(item.ServerAddress, out var server) || server == 0 || server == Ipv4Address.Broadcast.Value)
            {
                errors.Add($"{path}.ServerAddress: '{item.ServerAddress}' is not a usable IPv4 address; give this server's address on {item.Name}, such as 192.0.2.1.");
                continue;
            }

            if (!Enum.IsDefined(item.Mode))
            {
                errors.Add($"{path}.Mode: '{item.Mode}' is not Full or Proxy.");
            }

            foreach (var (port, name) in new[] { (item.ServerPort, "ServerPort"), (item.ClientPort, "ClientPort") })
            {
                if (port is < 1 or > 65535)
                {
                    errors.Add($"{path}.{name}: {port} is not a UDP port; use 1-65535.");
                }
            }

            if (item.BootServerPort is < 0 or > 65535)
            {
                errors.Add($"{path}.BootServerPort: {item.BootServerPort} is not a UDP port; use 4011, or 0 to disable it.");
            }

            var address = new Ipv4Address(server);
            var subnet = subnets.FirstOrDefault(s => s.Contains(address));
            if (item.Mode == DhcpServerMode.Full && subnet is null)
            {
                errors.Add($"{path}.ServerAddress: {item.ServerAddress} on {item.Name} is in full mode but no entry of Subnets contains it; add its subnet (such as {Ipv4.Format(server & 0xFFFFFF00)}/24) or use Mode = Proxy.");
            }

            interfaces.Add(new InterfaceConfiguration
            {
                Index = i,
                Name = item.Name,
                ServerAddress = address,
                Mode = item.Mode,
                ServerPort = item.ServerPort,
                ClientPort = item.ClientPort,
                BootServerPort = item.BootServerPort,
                Subnet = item.Mode == DhcpServerMode.Full ? subnet : null,
            });
        }

        return interfaces;
    }

    private static void CompileReservations(DhcpServerOptions options, List<SubnetConfiguration> subnets, DhcpServerConfiguration result, List<string> errors)
    {
        for (var s = 0; s < options.Subnets.Count && s < subnets.Count + 1; s++)
        {
            var subnet = subnets.FirstOrDefault(x => x.Index == s);
            for (var r = 0; r < options.Subnets[s].Reservations.Count; r++)
            {
                var item = options.Subnets[s].Reservations[r];
                var path = $"Subnets[{s}].Reservations[{r}]";
                MacAddress? mac = null;
                DhcpClientKey? clientKey = null;
                if (item.Mac is not null)
                {
                    if (MacAddress.TryParse(item.Mac, out var m))
                    {
                        mac = m;
                    }
                    else
                    {
                        errors.Add($"{path}.Mac: '{item.Mac}' is not a MAC address; write six hex octets such as 52:54:00:12:34:56.");
                    }
                }

                if (item.ClientId is not null)
                {
                    var id = new byte[255];
                    if (HexBytes.TryParse(item.ClientId, id, out var length) && length >= 2)
                    {
                        clientKey = DhcpClientKey.FromClientIdentifier(id.AsSpan(0, length));
                    }
                    else
                    {
                        errors.Add($"{path}.ClientId: '{item.ClientId}' is not a client identifier; write its bytes in hex, type first, such as 01:52:54:00:12:34:56.");
                    }
                }

                if (item.Mac is null && item.ClientId is null)
                {
                    errors.Add($"{path}: neither Mac nor ClientId is set; give the client's MAC address (or its option 61 client identifier).");
                }

                if (!Ipv4.TryParse(item.Address, out var value))
                {
                    errors.Add($"{path}.Address: '{item.Address}' is not an IPv4 address; write four octets such as 192.0.2.10.");
                    continue;
                }

                var address = new Ipv4Address(value);
                if (subnet is null)
                {
                    continue;
                }

                if (!subnet.Contains(address) || address == subnet.Network || address == subnet.BroadcastAddress)
                {
                    errors.Add($"{path}.Address: {item.Address} is outside its subnet {subnet.Text} (or is its network or broadcast address); move the reservation to the subnet that contains it or fix the address.");
                    continue;
                }

                var reservation = new ReservationConfiguration
                {
                    Mac = mac,
                    ClientKey = clientKey,
                    Address = address,
                    HostName = string.IsNullOrEmpty(item.Hostname) ? null : Encoding.ASCII.GetBytes(item.Hostname),
                    Subnet = subnet,
                };
                if (!result.ReservationsByAddress.TryAdd(address, reservation))
                {
                    errors.Add($"{path}.Address: {item.Address} is reserved twice; give each reservation its own address.");
                }

                if (mac is { } macValue && !result.ReservationsByMac.TryAdd(macValue, reservation))
                {
                    errors.Add($"{path}.Mac: {item.Mac} has two reservations; keep one.");
                }

                if (clientKey is { } key && !result.ReservationsByClientId.TryAdd(key, reservation))
                {
                    errors.Add($"{path}.ClientId: {item.ClientId} has two reservations; keep one.");
                }
            }
        }
    }
}
