namespace BareMetal.Dhcp.Server.Leases;

/// <summary>Leases in two dictionaries (by client and by address); nothing survives a restart. Not thread-safe: the engine serialises calls.</summary>
public class InMemoryLeaseStore : IDhcpLeaseStore
{
    private readonly Dictionary<DhcpClientKey, DhcpLease> _byClient = [];
    private readonly Dictionary<Ipv4Address, DhcpLease> _byAddress = [];

    /// <inheritdoc/>
    public int Count => _byAddress.Count;

    /// <inheritdoc/>
    public virtual bool HasUnflushedChanges => false;

    /// <inheritdoc/>
    public DhcpLease? FindByClient(in DhcpClientKey client) =>
        !client.IsEmpty && _byClient.TryGetValue(client, out var lease) ? lease : null;

    /// <inheritdoc/>
    public DhcpLease? FindByAddress(Ipv4Address address) => _byAddress.TryGetValue(address, out var lease) ? lease : null;

    /// <inheritdoc/>
    public virtual void Save(DhcpLease lease, bool durable) => Index(lease);

    /// <inheritdoc/>
    public virtual void Remove(DhcpLease lease) => Unindex(lease);

    /// <inheritdoc/>
    public virtual void Flush()
    {
    }

    /// <inheritdoc/>
    public IReadOnlyList<DhcpLease> Snapshot() => [.. _byAddress.Values];

    /// <inheritdoc/>
    public IReadOnlyList<DhcpLease> FindExpired(long nowUnixMilliseconds, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        List<DhcpLease>? expired = null;
        foreach (var lease in _byAddress.Values)
        {
            if (lease.ExpiresAtUnixMilliseconds <= nowUnixMilliseconds
                && lease.State is DhcpLeaseState.Bound or DhcpLeaseState.Offered or DhcpLeaseState.Declined)
            {
                (expired ??= []).Add(lease);
                if (expired.Count == max)
                {
                    break;
                }
            }
        }

        return expired ?? (IReadOnlyList<DhcpLease>)[];
    }

    /// <summary>Puts a lease in both indexes, dropping any other lease on its address or of its client.</summary>
    protected void Index(DhcpLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (_byAddress.TryGetValue(lease.Address, out var onAddress) && !ReferenceEquals(onAddress, lease))
        {
            Unindex(onAddress);
        }

        if (!lease.Client.IsEmpty && _byClient.TryGetValue(lease.Client, out var ofClient) && !ReferenceEquals(ofClient, lease))
        {
            Unindex(ofClient);
        }

        _byAddress[lease.Address] = lease;
        if (!lease.Client.IsEmpty)
        {
            _byClient[lease.Client] = lease;
        }
    }

    /// <summary>Removes a lease from both indexes if it is the one indexed there.</summary>
    protected void Unindex(DhcpLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (_byAddress.TryGetValue(lease.Address, out var onAddress) && ReferenceEquals(onAddress, lease))
        {
            _byAddress.Remove(lease.Address);
        }

        if (!lease.Client.IsEmpty && _byClient.TryGetValue(lease.Client, out var ofClient) && ReferenceEquals(ofClient, lease))
        {
            _byClient.Remove(lease.Client);
        }
    }

    /// <summary>Empties both indexes.</summary>
    protected void Clear()
    {
        _byAddress.Clear();
        _byClient.Clear();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources held by derived stores.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
