using BareMetal.Dhcp;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Observability;
using BareMetal.NetbootHost.Machines;

namespace BareMetal.NetbootHost.Boot;

/// <summary>Puts what the DHCP server saw and did on the machines' timelines.</summary>
internal sealed class DhcpTimelineObserver : IDhcpServerObserver
{
    private readonly MachineTimeline _timeline;
    private readonly InventoryBootPolicy _policy;

    public DhcpTimelineObserver(MachineTimeline timeline, InventoryBootPolicy policy)
    {
        _timeline = timeline;
        _policy = policy;
    }

    public void OnClientDiscovered(DhcpClientDiscovered client)
    {
        var arch = client.Architecture?.ToString();
        var message = $"DHCP: unknown client on {client.InterfaceName}, arch {arch ?? "-"}, vendor class {client.VendorClass ?? "-"}{(client.Answered ? "" : " (not answered: --known-only)")}";
        _timeline.RecordBootStage(client.MacAddress.ToString(), "dhcp-discover", "dhcp", message, arch: arch, firmware: Firmware(client.Architecture));
    }

    public void OnLeaseAcknowledged(in DhcpLeaseEvent lease) =>
        _timeline.RecordBootStage(lease.MacAddress.ToString(), "dhcp-lease", "dhcp", $"DHCP: leased {lease.Address} until {lease.ExpiresAt:u}", lease.Address.ToIPAddress());

    public void OnLeaseReleased(in DhcpLeaseEvent lease) =>
        _timeline.RecordBootStage(lease.MacAddress.ToString(), "dhcp-release", "dhcp", $"DHCP: released {lease.Address}");

    public void OnBootOffered(MacAddress macAddress, in BootDecision decision)
    {
        string? arch = null, firmware = null;
        if (_policy.TryGetClient(macAddress, out var client))
        {
            arch = client.HasArchitecture ? client.Architecture.ToString() : null;
            firmware = client.FirmwareKind.ToString();
        }

        _timeline.RecordBootStage(macAddress.ToString(), "dhcp-boot", "dhcp", $"DHCP: boot offer {decision}", arch: arch, firmware: firmware);
    }

    private static string? Firmware(ClientArchitecture? architecture) =>
        architecture is { } a ? (PxeClassifier.IsUefi(a) ? "uefi" : "bios") : null;
}
