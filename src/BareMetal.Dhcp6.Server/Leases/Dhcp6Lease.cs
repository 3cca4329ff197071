
namespace BareMetal.Dhcp6.Server.Leases;

/// <summary>One address binding (RFC 8415 §12.1).</summary>
/// <param name="Key">The client DUID and IAID.</param>
/// <param name="Address">The address.</param>
/// <param name="State">Offered, bound or declined.</param>
/// <param name="ExpiresUnixMilliseconds">When the lease (or the offer, or the decline hold) ends.</param>
/// <param name="MacAddress">The client's MAC when known (RFC 6939 or a DUID-LL/LLT), for operators and inventory.</param>
public sealed record Dhcp6Lease(Dhcp6LeaseKey Key, Ipv6Address Address, Dhcp6LeaseState State, long ExpiresUnixMilliseconds, MacAddress? MacAddress)
{
    /// <summary>Whether the lease still holds its address at <paramref name="nowUnixMilliseconds"/>.</summary>
    /// <param name="nowUnixMilliseconds">The time.</param>
    /// <returns>Whether it has not expired.</returns>
    public bool IsActive(long nowUnixMilliseconds) => ExpiresUnixMilliseconds > nowUnixMilliseconds;
}
