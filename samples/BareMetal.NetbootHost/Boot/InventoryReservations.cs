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
    private readonly InventoryStore _inventory;

    public InventoryReservations(InventoryStore inventory) => _inventory = inventory;

    public bool TryGetReservation(MacAddress macAddress, out Ipv4Address address, out string? hostName)
    {
        address = default;
        hostName = null;
        if (_inventory.Current.FindMachine(macAddress.ToString()) is not { } machine)
        {
            return false;
        }

        // Unspecified means "known, no fixed address": the machine draws from the pool.
        address = machine.Ip is { } ip ? Ipv4Address.FromIPAddress(ip) : default;
        hostName = machine.Hostname;
        return true;
    }
}
