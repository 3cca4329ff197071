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

    /// <summary>The lease time for this subnet; <see langword="null"/> uses <see cref="DhcpServerOptions.LeaseTime"/>.</summary>
    public TimeSpan? LeaseTime { get; set; }

    /// <summary>Fixed addresses for known clients.</summary>
    public IList<DhcpReservationOptions> Reservations { get; } = [];
}
