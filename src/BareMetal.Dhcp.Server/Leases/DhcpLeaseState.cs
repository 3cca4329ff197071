namespace BareMetal.Dhcp.Server.Leases;

/// <summary>Where a lease is in its life (RFC 2131 §4.3). Expiry is a matter of time, not a state.</summary>
public enum DhcpLeaseState : byte
{
    /// <summary>Offered in a DHCPOFFER and held until the offer times out; kept in memory only.</summary>
    Offered = 1,

    /// <summary>Acknowledged with DHCPACK: the client owns the address until the lease expires.</summary>
    Bound = 2,

    /// <summary>Given back with DHCPRELEASE; the address is free, the client gets it again if it is still free.</summary>
    Released = 3,

    /// <summary>Declined with DHCPDECLINE (another host answers on it); quarantined until it expires.</summary>
    Declined = 4,
}
