using BareMetal.Dhcp.Server.Boot;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// Decides what the DHCP server offers from the inventory: machines the inventory lists (or every machine,
/// when a default profile is configured) get the first-stage binary for their architecture, and iPXE gets
/// its script URL; unknown machines get no boot. The architecture choice itself is the package's
/// <see cref="ArchitectureBootPolicy"/>.
/// </summary>
internal sealed class InventoryBootPolicy : IBootPolicy
{
    private readonly DhcpInventoryLookup _inventory;
    private readonly ArchitectureBootPolicy _byArchitecture;

    public InventoryBootPolicy(DhcpInventoryLookup inventory, ArchitectureBootPolicy byArchitecture)
    {
        _inventory = inventory;
        _byArchitecture = byArchitecture;
    }

    public BootDecision Decide(in BootRequest request)
    {
        if (_inventory.Find(request.MacAddress, out var snapshot) is null && snapshot.DefaultProfile is null)
        {
            return BootDecision.NoBoot("not in the inventory and no default-profile is configured");
        }

        return _byArchitecture.Decide(request);
    }
}
