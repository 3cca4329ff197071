namespace BareMetal.Dhcp.Server.Leases;

/// <summary>
/// Where leases live. The engine calls it under its own lock, one call at a time. The embedded implementations are
/// <see cref="InMemoryLeaseStore"/> and <see cref="JournalLeaseStore"/>; a shared database can implement it later
/// without touching the engine.
/// </summary>
public interface IDhcpLeaseStore : IDisposable
{
    /// <summary>The number of leases held (in any state).</summary>
    int Count { get; }

    /// <summary>True when saved durable changes have not yet been forced to storage by <see cref="Flush"/>.</summary>
    bool HasUnflushedChanges { get; }

    /// <summary>The lease of a client, or <see langword="null"/>.</summary>
    DhcpLease? FindByClient(in DhcpClientKey client);

    /// <summary>The lease on an address, or <see langword="null"/>.</summary>
    DhcpLease? FindByAddress(Ipv4Address address);

    /// <summary>
    /// Stores a new or changed lease, displacing any other lease on the same address or of the same client. With
    /// <paramref name="durable"/> the change is recorded for <see cref="Flush"/> (acknowledged, released and declined
    /// leases); offers are not.
    /// </summary>
    void Save(DhcpLease lease, bool durable);

    /// <summary>Forgets a lease.</summary>
    void Remove(DhcpLease lease);

    /// <summary>
    /// Makes every durable change saved before the call survive a crash before returning (according to the sync
    /// policy). Unlike the other members it may be called from another thread while the engine works, so the
    /// transport can wait for the disk without holding up other clients.
    /// </summary>
    void Flush();

    /// <summary>
    /// Up to <paramref name="max"/> leases whose time ran out by <paramref name="nowUnixMilliseconds"/> and that the
    /// expiry sweep has to act on: bound leases not yet reclaimed, offers that timed out, quarantines that ended.
    /// </summary>
    /// <param name="nowUnixMilliseconds">The sweep's clock.</param>
    /// <param name="max">The most leases to return (the sweep's batch).</param>
    IReadOnlyList<DhcpLease> FindExpired(long nowUnixMilliseconds, int max);

    /// <summary>A copy of every lease, for inspection and compaction.</summary>
    IReadOnlyList<DhcpLease> Snapshot();
}
