using BareMetal.Dhcp;

namespace StormSim;

/// <summary>Which program of the boot chain is asking: the UEFI firmware's PXE, or iPXE it loaded.</summary>
internal enum BootStage
{
    Firmware,
    Ipxe,
}

/// <summary>
/// The DHCP requests of one simulated x64 UEFI machine, with the options EDK2 and iPXE send (as in the captures
/// under shared/captures: EDK2 sends vendor class "PXEClient:Arch:00007:UNDI:003000", iPXE's snponly.efi
/// "...:UNDI:003010" with user class "iPXE" and its option 175 feature list).
/// </summary>
internal static class FirmwarePackets
{
    private static ReadOnlySpan<byte> FirmwareVendorClass => "PXEClient:Arch:00007:UNDI:003000"u8;
    private static ReadOnlySpan<byte> IpxeVendorClass => "PXEClient:Arch:00007:UNDI:003010"u8;

    // RFC 4578 §2.1 and PXE 2.1: what PXE firmware asks for (mask, router, DNS, vendor, boot server, boot file, ...).
    private static ReadOnlySpan<byte> Parameters => [1, 3, 6, 43, 60, 66, 67, 93, 94, 97, 128, 129, 130, 175];

    // iPXE's option 175 (encapsulated): features it was built with, each a one-byte "present" value.
    // 19 HTTP, 21 TFTP, 23 DNS, 24 bzImage.
    private static ReadOnlySpan<byte> IpxeFeatures => [19, 1, 1, 21, 1, 1, 23, 1, 1, 24, 1, 1];

    public static byte[] Discover(BootStage stage, uint xid, ReadOnlySpan<byte> mac) =>
        Write(DhcpMessageType.Discover, stage, xid, mac, default, default);

    public static byte[] Request(BootStage stage, uint xid, ReadOnlySpan<byte> mac, Ipv4Address offered, Ipv4Address server) =>
        Write(DhcpMessageType.Request, stage, xid, mac, offered, server);

    private static byte[] Write(DhcpMessageType type, BootStage stage, uint xid, ReadOnlySpan<byte> mac, Ipv4Address offered, Ipv4Address server)
    {
        Span<byte> buffer = stackalloc byte[1024];
        var writer = new DhcpMessageWriter(buffer);
        Require(writer.TryStartMessage(DhcpOpcode.BootRequest, type, xid, 1, mac));
        // RFC 2131 §4.1: the broadcast flag, as a client without an address must be answered.
        writer.Flags = 0x8000;
        Span<byte> uuid = stackalloc byte[17];
        uuid.Clear();
        mac.CopyTo(uuid[11..]);
        if (type == DhcpMessageType.Request)
        {
            // RFC 2131 §4.3.2 SELECTING: the offered address and the chosen server.
            Require(writer.TryAddAddressOption(DhcpOptionCode.RequestedIpAddress, offered)
                && writer.TryAddAddressOption(DhcpOptionCode.ServerIdentifier, server));
        }

        Require(writer.TryAddUInt16Option(DhcpOptionCode.MaximumMessageSize, 1472)
            && writer.TryAddOption(DhcpOptionCode.ParameterRequestList, Parameters)
            && writer.TryAddOption(DhcpOptionCode.VendorClassIdentifier, stage == BootStage.Firmware ? FirmwareVendorClass : IpxeVendorClass)
            && writer.TryAddUInt16Option(DhcpOptionCode.ClientSystemArchitecture, 7) // RFC 4578 §2.1: x64 UEFI
            && writer.TryAddOption(DhcpOptionCode.ClientNetworkInterface, stage == BootStage.Firmware ? [1, 3, 0] : [1, 3, 10]) // §2.2
            && writer.TryAddOption(DhcpOptionCode.ClientMachineIdentifier, uuid)); // §2.3: type 0 + GUID
        if (stage == BootStage.Ipxe)
        {
            Require(writer.TryAddOption(DhcpOptionCode.UserClass, "iPXE"u8)
                && writer.TryAddOption(DhcpOptionCode.IpxeEncapsulated, IpxeFeatures));
        }

        Require(writer.TryComplete(out var length));
        return buffer[..length].ToArray();
    }

    private static void Require(bool written)
    {
        if (!written)
        {
            throw new InvalidOperationException("a simulated request did not fit its buffer");
        }
    }
}
