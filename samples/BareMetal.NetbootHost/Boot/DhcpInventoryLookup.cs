using BareMetal.NetbootHost.Inventory;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// The inventory as the DHCP engine's callbacks see it: the reservation source and the boot policy both ask about the
/// machine of the packet in hand, so the lookup is done once per packet and reused. The engine calls them one packet
/// at a time under its lock, so a one-entry memo needs no synchronisation; it is keyed by the snapshot too, so a
/// reload between packets is seen at once.
/// </summary>
internal sealed class DhcpInventoryLookup
{
    private readonly InventoryStore _inventory;
    private InventorySnapshot? _snapshot;
    private MacAddress _mac;
    private MachineSpec? _machine;

    public DhcpInventoryLookup(InventoryStore inventory) => _inventory = inventory;

    /// <summary>The inventory as it is now (a reload replaces it).</summary>
    public InventorySnapshot Current => _inventory.Current;

    /// <summary>The inventory's entry for <paramref name="mac"/>, or null; <paramref name="snapshot"/> is the inventory it came from.</summary>
    public MachineSpec? Find(MacAddress mac, out InventorySnapshot snapshot)
    {
        snapshot = _inventory.Current;
        if (!ReferenceEquals(snapshot, _snapshot) || mac != _mac)
        {
            _machine = snapshot.FindMachine(mac);
            _mac = mac;
            _snapshot = snapshot;
        }

        return _machine;
    }
}
