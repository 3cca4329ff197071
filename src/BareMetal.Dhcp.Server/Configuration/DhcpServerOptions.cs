using BareMetal.Dhcp.Server.Boot;

namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>
/// Everything the DHCP server needs, bound from code or configuration and validated at start by
/// <see cref="DhcpServerOptionsValidator"/> (each error names the field and the fix).
/// </summary>
public sealed class DhcpServerOptions
{
    /// <summary>The interfaces to listen on, each in full or proxy mode.</summary>
    public IList<DhcpInterfaceOptions> Interfaces { get; } = [];

    /// <summary>The subnets served in full mode. An interface in full mode needs a subnet that contains its server address.</summary>
    public IList<DhcpSubnetOptions> Subnets { get; } = [];

    /// <summary>The default lease time (option 51). T1 is half of it and T2 seven eighths (RFC 2131 §4.4.5).</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an offered address stays held for the client that was offered it (RFC 2131 §4.3.1).</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an address a client declined (another host uses it) stays out of the pools (RFC 2131 §4.3.3).</summary>
    public TimeSpan DeclineQuarantine { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the expiry sweep runs (reclaims leases whose time ran out and raises their lease-expired events);
    /// <see cref="TimeSpan.Zero"/> turns it off (addresses are then reused lazily when the pools wrap).
    /// </summary>
    public TimeSpan LeaseSweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most leases one sweep step handles under the engine's lock, so packets wait a bounded time.</summary>
    public int LeaseSweepBatch { get; set; } = 1000;

    /// <summary>
    /// Answer DHCPREQUESTs for addresses this server does not know with DHCPNAK (RFC 2131 §4.3.2, "authoritative"),
    /// so clients that moved from another network restart at once. Turn off beside another server on the same link.
    /// </summary>
    public bool Authoritative { get; set; } = true;

    /// <summary>The folder holding the lease journal; <see langword="null"/> keeps leases in memory only.</summary>
    public string? LeaseJournalDirectory { get; set; }

    /// <summary>When the lease journal is forced to disk; durable by default.</summary>
    public LeaseJournalSyncMode JournalSync { get; set; } = LeaseJournalSyncMode.Durable;

    /// <summary>With <see cref="LeaseJournalSyncMode.Interval"/>, the longest time between two forced writes.</summary>
    public TimeSpan JournalSyncInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Answer only clients with a reservation, a <see cref="KnownMacs"/> entry or an <see cref="Access.IDhcpReservationSource"/> entry; others raise a "discovered" event only.</summary>
    public bool KnownClientsOnly { get; set; }

    /// <summary>MAC addresses that are known (allowed in <see cref="KnownClientsOnly"/> mode) but get a dynamic address.</summary>
    public IList<string> KnownMacs { get; } = [];

    /// <summary>The most packets one MAC address may send per second before the rest are dropped; 0 disables the limit.</summary>
    public int MaxPacketsPerClientPerSecond { get; set; } = 20;

    /// <summary>How often the same unknown client raises another "discovered" event (with an updated last-seen time).</summary>
    public TimeSpan DiscoveredEventInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Settings of the default architecture-based boot policy.</summary>
    public BootPolicyOptions Boot { get; } = new();

    /// <summary>
    /// Checks these options as the server does at start, without starting anything: every problem, each naming its
    /// field (such as <c>Subnets[1].Router</c>) and the fix; empty when the options are valid.
    /// </summary>
    public IReadOnlyList<string> Validate() =>
        DhcpServerConfiguration.TryCreate(this, out _, out var errors) ? [] : errors;
}
