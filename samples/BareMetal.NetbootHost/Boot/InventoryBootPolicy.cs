using System.Collections.Concurrent;
using BareMetal.Dhcp;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.NetbootHost.Inventory;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// Decides what the DHCP server offers from the inventory: machines the inventory lists (or every machine,
/// when a default profile is configured) get the first-stage binary for their architecture, and iPXE gets
/// its script URL; unknown machines get no boot. The architecture choice itself is the package's
/// <see cref="ArchitectureBootPolicy"/>.
/// </summary>
internal sealed class InventoryBootPolicy : IBootPolicy
{
    private readonly InventoryStore _inventory;
    private readonly ArchitectureBootPolicy _byArchitecture;
    private readonly ConcurrentDictionary<MacAddress, PxeClientInfo> _lastClient = new();

    public InventoryBootPolicy(InventoryStore inventory, ArchitectureBootPolicy byArchitecture)
    {
        _inventory = inventory;
        _byArchitecture = byArchitecture;
    }

    public BootDecision Decide(in BootRequest request)
    {
        var client = request.Client;
        if (client.FirmwareKind != FirmwareKind.NotPxe)
        {
            if (_lastClient.Count >= 65_536)
            {
                _lastClient.Clear();
            }

            _lastClient[request.MacAddress] = client;
        }

        var snapshot = _inventory.Current;
        if (snapshot.FindMachine(request.MacAddress.ToString()) is null && snapshot.DefaultProfile is null)
        {
            return BootDecision.NoBoot("not in the inventory and no default-profile is configured");
        }

        return _byArchitecture.Decide(request);
    }

    /// <summary>What the last boot request of <paramref name="mac"/> said about its firmware, if it sent one.</summary>
    public bool TryGetClient(MacAddress mac, out PxeClientInfo client) => _lastClient.TryGetValue(mac, out client);
}
