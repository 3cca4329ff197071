namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>One IPv4 subnet served in full mode: its pools, reservations and the options handed to clients.</summary>
public sealed class DhcpSubnetOptions
{
    /// <summary>The subnet in CIDR notation, for example <c>192.0.2.0/24</c>.</summary>
    public string Network { get; set; } = "";

    /// <summary>Address ranges handed out dynamically, each <c>FIRST-LAST</c> (for example <c>192.0.2.100-192.0.2.199</c>).</summary>
    public IList<string> Pools { get; } = [];

    /// <summary>The default gateway (option 3), if any.</summary>
    public string? Router { get; set; }

    /// <summary>DNS servers (option 6).</summary>
    public IList<string> DnsServers { get; } = [];

    /// <summary>The domain name (option 15), if any.</summary>
    public string? DomainName { get; set; }

    /// <summary>Domain search list (option 119, RFC 3397), for example <c>lab.example.test</c>, in order.</summary>
    public IList<string> DomainSearch { get; } = [];

    /// <summary>NTP servers (option 42, RFC 2132 §8.3).</summary>
    public IList<string> NtpServers { get; } = [];

    /// <summary>The interface MTU (option 26, RFC 2132 §5.1), 68 to 65535; <see langword="null"/> sends none.</summary>
    public int? Mtu { get; set; }

    /// <summary>
    /// Classless static routes (option 121, RFC 3442), each <c>NETWORK/PREFIX via GATEWAY</c> (for example
    /// <c>198.18.0.0/15 via 192.0.2.254</c>). A client that gets option 121 ignores the router option (RFC 3442 §2),
    /// so when <see cref="Router"/> is set and no route covers <c>0.0.0.0/0</c>, the default route via the router is
    /// added to the option.
    /// </summary>
    public IList<string> ClasslessRoutes { get; } = [];

    /// <summary>The lease time for this subnet; <see langword="null"/> uses <see cref="DhcpServerOptions.LeaseTime"/>.</summary>
    public TimeSpan? LeaseTime { get; set; }

    /// <summary>Fixed addresses for known clients.</summary>
    public IList<DhcpReservationOptions> Reservations { get; } = [];
}
