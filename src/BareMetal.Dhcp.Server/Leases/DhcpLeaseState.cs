namespace BareMetal.Dhcp.Server.Leases;

/// <summary>
/// Where a lease is in its life (RFC 2131 §4.3). Expiry is a matter of time: a bound lease past its end no longer holds
/// its address whatever its state; the expiry sweep then records it as <see cref="Expired"/>, so that it is reported once.
/// </summary>
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

    /// <summary>
    /// Its time ran out without a renewal and the expiry sweep reclaimed it (RFC 2131 §4.4.5: the client must stop
    /// using the address). The address is free; the client gets it again if it is still free.
    /// </summary>
    Expired = 5,
}
