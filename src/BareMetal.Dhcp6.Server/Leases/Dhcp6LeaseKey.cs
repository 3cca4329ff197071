namespace BareMetal.Dhcp6.Server.Leases;

/// <summary>
/// Whom a lease belongs to: the client's DUID and the IA's IAID (RFC 8415 §12.1: a binding is per client and per IA).
/// </summary>
/// <param name="Duid">The client's DUID as upper-case hex without separators.</param>
/// <param name="Iaid">The IAID.</param>
public readonly record struct Dhcp6LeaseKey(string Duid, uint Iaid)
{
    /// <summary>Makes a key from a DUID's bytes (allocates the hex string).</summary>
    /// <param name="duid">The DUID.</param>
    /// <param name="iaid">The IAID.</param>
    /// <returns>The key.</returns>
    public static Dhcp6LeaseKey From(ReadOnlySpan<byte> duid, uint iaid) => new(Convert.ToHexString(duid), iaid);

    /// <summary>The key a declined address is parked under (no client owns it).</summary>
    /// <param name="address">The declined address.</param>
    /// <returns>The key.</returns>
    public static Dhcp6LeaseKey Declined(Ipv6Address address) => new("declined:" + address, 0);
}
