namespace BareMetal.Dhcp6.Server.Configuration;

/// <summary>A validated subnet: parsed addresses, encoded options and the boot URL prefixes, built once at start.</summary>
internal sealed class Dhcp6Subnet
{
    public required int Index { get; init; }

    public required Ipv6Address Prefix { get; init; }

    public required int PrefixLength { get; init; }

    public required string? InterfaceName { get; init; }

    public required Ipv6Address ServerAddress { get; init; }

    public required Ipv6Address RangeFirst { get; init; }

    public required Ipv6Address RangeLast { get; init; }

    public required uint PreferredLifetime { get; init; }

    public required uint ValidLifetime { get; init; }

    public required uint RenewTime { get; init; }

    public required uint RebindTime { get; init; }

    public required Ipv6Address[] DnsServers { get; init; }

    /// <summary>Option 24's value, RFC 1035 names one after another (RFC 3646 §4).</summary>
    public required byte[] DomainSearchList { get; init; }

    /// <summary><c>tftp://[server]/</c>: RFC 3986 §3.2.2 puts IPv6 literals in brackets.</summary>
    public required string TftpUrlPrefix { get; init; }

    /// <summary><c>http://[server]:port</c>.</summary>
    public required string HttpUrlPrefix { get; init; }

    /// <summary>The subnet's pool cursor: where the next free-address search starts.</summary>
    public ulong NextLow { get; set; }

    /// <summary>Whether <paramref name="address"/> is on this link (inside the prefix).</summary>
    public bool Contains(Ipv6Address address)
    {
        // Prefixes are at most /64 (validated), so only the upper half is compared.
        var mask = PrefixLength == 0 ? 0UL : ulong.MaxValue << (64 - PrefixLength);
        return (address.High & mask) == (Prefix.High & mask);
    }

    public bool InRange(Ipv6Address address) =>
        address.High == RangeFirst.High && address.Low >= RangeFirst.Low && address.Low <= RangeLast.Low;
}
