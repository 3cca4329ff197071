namespace BareMetal.Dhcp.Server.Leases;

/// <summary>
/// One address held for one client. The client and the address never change (a different address is a new lease);
/// the state, the expiry and the MAC address do, in place, so renewals allocate nothing.
/// </summary>
public sealed class DhcpLease
{
    /// <summary>Creates a lease.</summary>
    /// <param name="client">Who holds it; <see langword="default"/> for a declined address that nobody holds.</param>
    /// <param name="address">The IPv4 address.</param>
    /// <param name="macAddress">The client's MAC address (zero if unknown).</param>
    /// <param name="state">The state.</param>
    /// <param name="expiresAtUnixMilliseconds">When the lease (or offer, or quarantine) ends.</param>
    public DhcpLease(DhcpClientKey client, Ipv4Address address, MacAddress macAddress, DhcpLeaseState state, long expiresAtUnixMilliseconds)
    {
        Client = client;
        Address = address;
        MacAddress = macAddress;
        State = state;
        ExpiresAtUnixMilliseconds = expiresAtUnixMilliseconds;
    }

    /// <summary>Who holds the lease.</summary>
    public DhcpClientKey Client { get; }

    /// <summary>The IPv4 address.</summary>
    public Ipv4Address Address { get; }

    /// <summary>The client's MAC address (zero if unknown).</summary>
    public MacAddress MacAddress { get; set; }

    /// <summary>The state.</summary>
    public DhcpLeaseState State { get; set; }

    /// <summary>When the lease, offer or quarantine ends, in Unix milliseconds.</summary>
    public long ExpiresAtUnixMilliseconds { get; set; }

    /// <summary>True while the address is taken: offered or bound and not expired, or declined and still quarantined.</summary>
    public bool HoldsAddressAt(long nowUnixMilliseconds) =>
        State is not (DhcpLeaseState.Released or DhcpLeaseState.Expired) && ExpiresAtUnixMilliseconds > nowUnixMilliseconds;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Address} {State} {Client} until {DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtUnixMilliseconds):O}";
}
