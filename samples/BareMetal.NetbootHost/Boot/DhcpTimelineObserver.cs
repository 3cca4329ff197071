using BareMetal.Dhcp;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Observability;
using BareMetal.NetbootHost.Machines;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// Puts what the DHCP server saw and did on the machines' timelines. Called under the DHCP engine's lock: it hands
/// typed values (MAC, firmware) to the timeline, which formats them on the store's writer thread.
/// </summary>
internal sealed class DhcpTimelineObserver : IDhcpServerObserver
{
    private readonly MachineTimeline _timeline;

    public DhcpTimelineObserver(MachineTimeline timeline) => _timeline = timeline;

    public void OnClientDiscovered(DhcpClientDiscovered client)
    {
        var arch = client.Architecture?.ToString();
        var message = $"DHCP: unknown client on {client.InterfaceName}, arch {arch ?? "-"}, vendor class {client.VendorClass ?? "-"}{(client.Answered ? "" : " (not answered: --known-only)")}";
        BootFirmware? firmware = client.Architecture is { } a ? (PxeClassifier.IsUefi(a) ? BootFirmware.Uefi : BootFirmware.Bios) : null;
        _timeline.RecordBootStage(client.MacAddress, BootStageTypes.DhcpDiscover, BootStageSources.Dhcp, message, arch: arch, firmware: firmware);
    }

    public void OnLeaseAcknowledged(in DhcpLeaseEvent lease) =>
        _timeline.RecordBootStage(lease.MacAddress, BootStageTypes.DhcpLease, BootStageSources.Dhcp, $"DHCP: leased {lease.Address} until {lease.ExpiresAt:u}", lease.Address.ToIPAddress());

    public void OnLeaseReleased(in DhcpLeaseEvent lease) =>
        _timeline.RecordBootStage(lease.MacAddress, BootStageTypes.DhcpRelease, BootStageSources.Dhcp, $"DHCP: released {lease.Address}");

    public void OnLeaseExpired(in DhcpLeaseEvent lease) =>
        _timeline.RecordBootStage(lease.MacAddress, BootStageTypes.DhcpLeaseExpired, BootStageSources.Dhcp, $"DHCP: lease of {lease.Address} expired at {lease.ExpiresAt:u} without a renewal");

    public void OnReservationConflict(in DhcpReservationConflict conflict) =>
        _timeline.RecordBootStage(
            conflict.Owner,
            BootStageTypes.DhcpReservationConflict,
            BootStageSources.Dhcp,
            $"DHCP: reserved address {conflict.Address} is held by {conflict.Holder} until {conflict.HolderExpires:u}; lent a pool address until it moves");

    public void OnBootOffered(in PxeClientInfo client, in BootDecision decision)
    {
        var arch = client.HasArchitecture ? client.Architecture.ToString() : null;
        _timeline.RecordBootStage(client.ClientMacAddress, BootStageTypes.DhcpBoot, BootStageSources.Dhcp, $"DHCP: boot offer {decision}", arch: arch, firmware: FirmwareOf(client));
    }

    /// <summary>UEFI when the architecture (option 93) or the vendor class says so; BIOS when a PXE architecture says not; else unknown.</summary>
    private static BootFirmware? FirmwareOf(in PxeClientInfo client) =>
        client.IsUefi || client.FirmwareKind is FirmwareKind.UefiPxe or FirmwareKind.UefiHttp ? BootFirmware.Uefi
        : client.HasArchitecture || client.FirmwareKind == FirmwareKind.LegacyPxe ? BootFirmware.Bios
        : null;
}
