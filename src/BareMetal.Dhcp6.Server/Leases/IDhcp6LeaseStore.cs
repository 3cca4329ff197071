namespace BareMetal.Dhcp6.Server.Leases;

/// <summary>
/// Where the engine keeps bindings. The engine calls it under its own lock, one call at a time. A durable store
/// (a journal like the DHCPv4 server's) implements the same interface.
/// </summary>
public interface IDhcp6LeaseStore
{
    /// <summary>The lease of a client's IA.</summary>
    /// <param name="key">The client DUID and IAID.</param>
    /// <param name="lease">The lease, expired or not.</param>
    /// <returns>Whether there is one.</returns>
    bool TryGetByClient(Dhcp6LeaseKey key, out Dhcp6Lease? lease);

    /// <summary>The lease holding an address.</summary>
    /// <param name="address">The address.</param>
    /// <param name="lease">The lease, expired or not.</param>
    /// <returns>Whether there is one.</returns>
    bool TryGetByAddress(Ipv6Address address, out Dhcp6Lease? lease);

    /// <summary>Adds or replaces the lease of <see cref="Dhcp6Lease.Key"/>; a lease that held the same address under another key is dropped.</summary>
    /// <param name="lease">The lease.</param>
    void Save(Dhcp6Lease lease);

    /// <summary>Removes a client's lease.</summary>
    /// <param name="key">The client DUID and IAID.</param>
    /// <returns>Whether there was one.</returns>
    bool Remove(Dhcp6LeaseKey key);

    /// <summary>Whether saved changes are not yet on storage (always <c>false</c> for a store that keeps nothing).</summary>
    bool HasUnflushedChanges { get; }

    /// <summary>Forces saved changes to storage; the transport calls it before sending a reply that commits a lease.</summary>
    void Flush();

    /// <summary>Every lease, for inspection.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<Dhcp6Lease> Snapshot();
}
