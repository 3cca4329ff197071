using System.Globalization;

namespace BareMetal.Dhcp6.Server.Configuration;

/// <summary>Options checked and compiled once: every error names the field and how to fix it.</summary>
internal sealed class Dhcp6Configuration
{
    private Dhcp6Configuration(byte[] serverDuid, Dhcp6Subnet[] subnets, Dictionary<string, Ipv6Address> byDuid, Dictionary<MacAddress, Ipv6Address> byMac, Dhcp6ServerOptions options)
    {
        ServerDuid = serverDuid;
        Subnets = subnets;
        ReservationsByDuid = byDuid;
        ReservationsByMac = byMac;
        ReservedAddresses = [.. byDuid.Values, .. byMac.Values];
        Options = options;
    }

    public byte[] ServerDuid { get; }

    public Dhcp6Subnet[] Subnets { get; }

    /// <summary>Reservations by DUID, keyed by upper-case hex without separators.</summary>
    public Dictionary<string, Ipv6Address> ReservationsByDuid { get; }

    public Dictionary<MacAddress, Ipv6Address> ReservationsByMac { get; }

    public HashSet<Ipv6Address> ReservedAddresses { get; }

    public Dhcp6ServerOptions Options { get; }

    public static bool TryCreate(Dhcp6ServerOptions options, out Dhcp6Configuration? configuration, out List<string> errors)
    {
        errors = [];
        configuration = null;

        byte[] duid = [];
        if (!string.IsNullOrWhiteSpace(options.ServerDuid))
        {
            if (!TryParseHex(options.ServerDuid, out duid) || !Dhcp6Duid.TryRead(duid, out _))
            {
                errors.Add($"ServerDuid '{options.ServerDuid}' is not a valid DUID in hex (RFC 8415 §11: 2-byte type, then 1-128 bytes); e.g. 00:03:00:01:02:00:00:00:00:01.");
            }
        }
        else if (options.ServerMacAddress is not null && MacAddress.TryParse(options.ServerMacAddress, out var serverMac))
        {
            duid = new byte[10];
            Dhcp6Duid.TryWriteLinkLayer(serverMac, duid, out _);
        }
        else
        {
            errors.Add("ServerDuid and ServerMacAddress: set one; the server needs a DUID (e.g. ServerMacAddress = the interface's MAC).");
        }

        if (options.Subnets.Count == 0)
        {
            errors.Add("Subnets: empty; add one (Prefix, ServerAddress, RangeFirst, RangeLast), e.g. from --address6 and --dhcp6-range.");
        }

        var subnets = new List<Dhcp6Subnet>();
        for (var i = 0; i < options.Subnets.Count; i++)
        {
            if (TryCompileSubnet(options.Subnets[i], i, options.Boot, errors) is { } subnet)
            {
                subnets.Add(subnet);
            }
        }

        var byDuid = new Dictionary<string, Ipv6Address>(StringComparer.Ordinal);
        var byMac = new Dictionary<MacAddress, Ipv6Address>();
        for (var i = 0; i < options.Reservations.Count; i++)
        {
            var reservation = options.Reservations[i];
            var field = $"Reservations[{i}]";
            if (!Ipv6Address.TryParse(reservation.Address, out var address) || !subnets.Any(s => s.Contains(address)))
            {
                errors.Add($"{field}.Address '{reservation.Address}' is not an IPv6 address inside a subnet's prefix.");
                continue;
            }

            if (reservation.Duid is not null)
            {
                if (TryParseHex(reservation.Duid, out var bytes) && Dhcp6Duid.TryRead(bytes, out _))
                {
                    byDuid[Convert.ToHexString(bytes)] = address;
                }
                else
                {
                    errors.Add($"{field}.Duid '{reservation.Duid}' is not a valid DUID in hex (e.g. 00:03:00:01:52:54:00:00:00:01).");
                }
            }
            else if (reservation.MacAddress is not null && MacAddress.TryParse(reservation.MacAddress, out var mac))
            {
                byMac[mac] = address;
            }
            else
            {
                errors.Add($"{field}: set Duid or a valid MacAddress (e.g. 52:54:00:00:00:01).");
            }
        }

        if (errors.Count == 0)
        {
            configuration = new Dhcp6Configuration(duid, [.. subnets], byDuid, byMac, options);
        }

        return errors.Count == 0;
    }

    private static Dhcp6Subnet? TryCompileSubnet(Dhcp6SubnetOptions options, int index, Dhcp6BootOptions boot, List<string> errors)
    {
        var field = $"Subnets[{index}]";
        var before = errors.Count;
        var slash = options.Prefix.IndexOf('/', StringComparison.Ordinal);
        Ipv6Address prefix = default;
        var length = -1;
        if (slash < 0 || !Ipv6Address.TryParse(options.Prefix.AsSpan(0, slash), out prefix)
            || !int.TryParse(options.Prefix.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length is < 1 or > 64)
        {
            errors.Add($"{field}.Prefix '{options.Prefix}' must be ADDRESS/LENGTH with a length of 1-64, e.g. 2001:db8:24::/64.");
        }

        Ipv6Address Parse(string value, string name)
        {
            if (!Ipv6Address.TryParse(value, out var address))
            {
                errors.Add($"{field}.{name} '{value}' is not an IPv6 address.");
            }

            return address;
        }

        var server = Parse(options.ServerAddress, nameof(options.ServerAddress));
        var first = Parse(options.RangeFirst, nameof(options.RangeFirst));
        var last = Parse(options.RangeLast, nameof(options.RangeLast));
        if (first.High != last.High || first.Low > last.Low)
        {
            errors.Add($"{field}.RangeFirst/RangeLast {options.RangeFirst}-{options.RangeLast}: the first must not be above the last, and both must share their upper 64 bits.");
        }

        if (options.ValidLifetime < options.PreferredLifetime || options.PreferredLifetime == 0)
        {
            errors.Add($"{field}.ValidLifetime ({options.ValidLifetime}) must be at least PreferredLifetime ({options.PreferredLifetime}), which must be above 0 (RFC 8415 §21.6).");
        }

        var t1 = options.RenewTime ?? options.PreferredLifetime / 2;
        var t2 = options.RebindTime ?? options.PreferredLifetime / 5 * 4;
        if (t1 > t2 && t2 != 0)
        {
            errors.Add($"{field}.RenewTime ({t1}) must not exceed RebindTime ({t2}) (RFC 8415 §21.4).");
        }

        var dns = new List<Ipv6Address>();
        foreach (var text in options.DnsServers)
        {
            dns.Add(Parse(text, nameof(options.DnsServers)));
        }

        var search = new List<byte>();
        Span<byte> encoded = stackalloc byte[Dhcp6DomainName.MaximumEncodedLength];
        foreach (var name in options.DomainSearchList)
        {
            if (Dhcp6DomainName.TryEncode(name, encoded, out var written))
            {
                search.AddRange(encoded[..written]);
            }
            else
            {
                errors.Add($"{field}.DomainSearchList '{name}' is not a valid DNS name (ASCII labels of 1-63 characters, 255 in all).");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        var subnet = new Dhcp6Subnet
        {
            Index = index,
            Prefix = prefix,
            PrefixLength = length,
            InterfaceName = options.InterfaceName,
            ServerAddress = server,
            RangeFirst = first,
            RangeLast = last,
            PreferredLifetime = options.PreferredLifetime,
            ValidLifetime = options.ValidLifetime,
            RenewTime = t1,
            RebindTime = t2,
            DnsServers = [.. dns],
            DomainSearchList = [.. search],
            TftpUrlPrefix = $"tftp://[{server}]/",
            HttpUrlPrefix = $"http://[{server}]:{boot.HttpPort.ToString(CultureInfo.InvariantCulture)}",
            NextLow = first.Low,
        };
        // A relayed link reaches the server's own (routed) address, so only a direct link needs it inside the prefix.
        foreach (var (name, address) in new[] { ("ServerAddress", server), ("RangeFirst", first), ("RangeLast", last) })
        {
            if (!subnet.Contains(address) && (name != "ServerAddress" || options.InterfaceName is not null))
            {
                errors.Add($"{field}.{name} {address} is outside the prefix {options.Prefix}.");
            }
        }

        return errors.Count > before ? null : subnet;
    }

    internal static bool TryParseHex(string text, out byte[] bytes)
    {
        var digits = text.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        try
        {
            bytes = Convert.FromHexString(digits);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
