namespace BareMetal.Dhcp6.Server.Leases;

/// <summary>Leases in two dictionaries (by client and by address); lost on restart. For tests and throw-away labs.</summary>
public sealed class InMemoryDhcp6LeaseStore : IDhcp6LeaseStore
{
    private readonly Dictionary<Dhcp6LeaseKey, Dhcp6Lease> _byClient = [];
    private readonly Dictionary<Ipv6Address, Dhcp6Lease> _byAddress = [];

    /// <inheritdoc/>
    public bool TryGetByClient(Dhcp6LeaseKey key, out Dhcp6Lease? lease) => _byClient.TryGetValue(key, out lease);

    /// <inheritdoc/>
    public bool TryGetByAddress(Ipv6Address address, out Dhcp6Lease? lease) => _byAddress.TryGetValue(address, out lease);

    /// <inheritdoc/>
    public void Save(Dhcp6Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (_byClient.TryGetValue(lease.Key, out var previous) && previous.Address != lease.Address)
        {
            _byAddress.Remove(previous.Address);
        }

        if (_byAddress.TryGetValue(lease.Address, out var holder) && holder.Key != lease.Key)
        {
            _byClient.Remove(holder.Key);
        }

        _byClient[lease.Key] = lease;
        _byAddress[lease.Address] = lease;
    }

    /// <inheritdoc/>
    public bool Remove(Dhcp6LeaseKey key)
    {
        if (!_byClient.Remove(key, out var lease))
        {
            return false;
        }

        _byAddress.Remove(lease.Address);
        return true;
    }

    /// <inheritdoc/>
    public bool HasUnflushedChanges => false;

    /// <inheritdoc/>
    public void Flush()
    {
        // Nothing is kept on storage.
    }

    /// <inheritdoc/>
    public IReadOnlyList<Dhcp6Lease> Snapshot() => [.. _byClient.Values];
}
