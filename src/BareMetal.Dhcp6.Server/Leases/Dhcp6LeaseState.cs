namespace BareMetal.Dhcp6.Server.Leases;

/// <summary>Where a lease is in its life.</summary>
public enum Dhcp6LeaseState
{
    /// <summary>Offered in an Advertise and held for the client until it requests it or the hold ends.</summary>
    Offered,

    /// <summary>Assigned by a Reply (RFC 8415 §18.3.2); the client may use it until it expires.</summary>
    Bound,

    /// <summary>The client declined it (in use by someone else, RFC 8415 §18.3.8); kept out of the pool until it expires.</summary>
    Declined,
}
