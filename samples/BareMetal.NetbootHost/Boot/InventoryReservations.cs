using BareMetal.Dhcp;
using BareMetal.Dhcp.Server.Access;
using BareMetal.NetbootHost.Inventory;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// Inventory machines are the DHCP server's known clients; those with an <c>ip:</c> get it as a
/// reservation. Read from the current inventory on each request, so a reload applies at once.
/// </summary>
internal sealed class InventoryReservations : IDhcpReservationSource
{
    private readonly DhcpInventoryLookup _inventory;
    private ReservedAddresses _reserved = new(InventorySnapshot.Empty);

    public InventoryReservations(DhcpInventoryLookup inventory) => _inventory = inventory;

    /// <summary>
    /// The inventory's <c>ip:</c> addresses, kept out of the pools and away from other clients. Built once per
    /// inventory snapshot (a reload replaces the snapshot), so the per-packet question is one set lookup.
    /// </summary>
    public bool IsReservedAddress(Ipv4Address address)
    {
        var current = _inventory.Current;
        var reserved = _reserved;
        if (!ReferenceEquals(reserved.Snapshot, current))
        {
            reserved = new ReservedAddresses(current);
            _reserved = reserved;
        }

        return reserved.Contains(address);
    }

    public bool TryGetReservation(MacAddress macAddress, out Ipv4Address address, out string? hostName)
    {
        address = default;
        hostName = null;
        if (_inventory.Find(macAddress, out _) is not { } machine)
        {
            return false;
        }

        // Unspecified means "known, no fixed address": the machine draws from the pool.
        address = machine.Ip is { } ip ? Ipv4Address.FromIPAddress(ip) : default;
        hostName = machine.Hostname;
        return true;
    }

    private sealed class ReservedAddresses(InventorySnapshot snapshot)
    {
        private readonly HashSet<uint> _addresses = snapshot.Machines.Values
            .Where(m => m.Ip is not null)
            .Select(m => Ipv4Address.FromIPAddress(m.Ip!).Value)
            .ToHashSet();

        public InventorySnapshot Snapshot { get; } = snapshot;

        public bool Contains(Ipv4Address address) => _addresses.Contains(address.Value);
    }
}
