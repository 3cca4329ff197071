namespace BareMetal.Dhcp6.Server.Configuration;

/// <summary>One IPv6 link the server assigns addresses on: directly attached (by interface name) or behind relays (by prefix).</summary>
public sealed class Dhcp6SubnetOptions
{
    /// <summary>The link's prefix, e.g. <c>2001:db8:24::/64</c> (at most /64). Relayed requests are matched by their link-address (RFC 8415 §13.1).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>The interface that receives this link's multicast traffic directly; <c>null</c> for a link reached only through relays.</summary>
    public string? InterfaceName { get; set; }

    /// <summary>This server's address on the link (the host's <c>--address6</c>), used in boot URLs: inside <see cref="Prefix"/> on a direct link, the server's routed address for a relayed one.</summary>
    public string ServerAddress { get; set; } = "";

    /// <summary>The first address of the dynamic range (the host's <c>--dhcp6-range FIRST-LAST</c>).</summary>
    public string RangeFirst { get; set; } = "";

    /// <summary>The last address of the dynamic range; same upper 64 bits as <see cref="RangeFirst"/>.</summary>
    public string RangeLast { get; set; } = "";

    /// <summary>Seconds an assigned address stays preferred (RFC 8415 §21.6).</summary>
    public uint PreferredLifetime { get; set; } = 3000;

    /// <summary>Seconds an assigned address stays valid (RFC 8415 §21.6); at least <see cref="PreferredLifetime"/>.</summary>
    public uint ValidLifetime { get; set; } = 4000;

    /// <summary>T1, seconds until Renew (RFC 8415 §21.4); 0 lets the client choose. Default: half the preferred lifetime.</summary>
    public uint? RenewTime { get; set; }

    /// <summary>T2, seconds until Rebind; 0 lets the client choose. Default: 0.8 of the preferred lifetime.</summary>
    public uint? RebindTime { get; set; }

    /// <summary>DNS recursive name servers (option 23, RFC 3646), sent when the client's ORO asks for them.</summary>
    public List<string> DnsServers { get; } = [];

    /// <summary>Domain search list (option 24, RFC 3646), sent when the client's ORO asks for it.</summary>
    public List<string> DomainSearchList { get; } = [];
}
