using BareMetal.Dhcp;
using BareMetal.Dhcp.Server.Access;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// Inventory machines are the DHCP server's known clients; those with an <c>ip:</c> get it as a
/// reservation. Read from the current inventory on each request, so a reload applies at once.
/// </summary>
internal sealed class InventoryReservations : IDhcpReservationSource
{
    private readonly DhcpInventoryLookup _inventory;

    public InventoryReservations(DhcpInventoryLookup inventory) => _inventory = inventory;

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
}
