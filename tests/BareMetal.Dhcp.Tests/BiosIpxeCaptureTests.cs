using System.Text;

namespace BareMetal.Dhcp.Tests;

/// <summary>
/// Golden values for netboot-bios-ipxe-dhcp.pcap, written by hand from <c>tshark -V -r</c> output (SeaBIOS with the
/// iPXE e1000 ROM against dnsmasq 2.90), not from this parser.
/// </summary>
public class BiosIpxeCaptureTests
{
    [Fact]
    public void Frame1Discover_FixedFields_MatchTshark()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 1));

        Assert.Equal(DhcpOpcode.BootRequest, reader.Op);
        Assert.Equal(1, reader.HardwareType);
        Assert.Equal(6, reader.HardwareAddressLength);
        Assert.Equal(0, reader.Hops);
        Assert.Equal(0x7bde6a14u, reader.TransactionId);
        Assert.Equal(4, reader.Seconds);
        Assert.Equal(0, reader.Flags);
        Assert.False(reader.IsBroadcast);
        Assert.Equal(Ipv4Address.Any, reader.ClientAddress);
        Assert.Equal(Ipv4Address.Any, reader.YourAddress);
        Assert.Equal(Ipv4Address.Any, reader.ServerAddress);
        Assert.Equal(Ipv4Address.Any, reader.GatewayAddress);
        Assert.False(reader.IsRelayed);
        Assert.True(reader.HasEthernetAddress);
        Assert.Equal("52:54:00:12:34:56", reader.ClientMacAddress.ToString());
        Assert.Equal(new byte[] { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }, reader.ClientHardwareAddress.ToArray());
        Assert.True(reader.ServerName.IsEmpty);
        Assert.True(reader.BootFileName.IsEmpty);
        Assert.Equal(DhcpMessageType.Discover, reader.MessageType);
    }

    [Fact]
    public void Frame1Discover_Options_MatchTshark()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 1));

        // Wire order per tshark: 53, 57, 93, 94, 60, 77, 55, 175, 61, 97, 255.
        var codes = new List<DhcpOptionCode>();
        foreach (var option in reader.GetOptions())
        {
            codes.Add(option.Code);
        }

        Assert.Equal(
            [DhcpOptionCode.DhcpMessageType, DhcpOptionCode.MaximumMessageSize, DhcpOptionCode.ClientSystemArchitecture,
             DhcpOptionCode.ClientNetworkInterface, DhcpOptionCode.VendorClassIdentifier, DhcpOptionCode.UserClass,
             DhcpOptionCode.ParameterRequestList, DhcpOptionCode.IpxeEncapsulated, DhcpOptionCode.ClientIdentifier,
             DhcpOptionCode.ClientMachineIdentifier],
            codes);

        Assert.True(reader.TryGetMaximumMessageSize(out var maxSize));
        Assert.Equal(1472, maxSize);
        Assert.True(reader.TryGetClientArchitecture(out var arch));
        Assert.Equal(ClientArchitecture.IntelX86Pc, arch);
        Assert.True(reader.TryGetClientNetworkInterface(out var type, out var major, out var minor));
        Assert.Equal((1, 2, 1), (type, major, minor));
        Assert.True(reader.TryGetVendorClassIdentifier(out var vendorClass));
        Assert.Equal("PXEClient:Arch:00000:UNDI:002001", Encoding.ASCII.GetString(vendorClass));
        Assert.True(reader.TryGetUserClass(out var userClass));
        Assert.Equal("iPXE", Encoding.ASCII.GetString(userClass));
        Assert.True(reader.TryGetParameterRequestList(out var prl));
        Assert.Equal(
            new byte[] { 1, 3, 6, 7, 12, 15, 17, 26, 43, 60, 66, 67, 119, 128, 129, 130, 131, 132, 133, 134, 135, 175, 203 },
            prl.ToArray());
        Assert.True(reader.IsParameterRequested(DhcpOptionCode.BootFileName));
        Assert.False(reader.IsParameterRequested(DhcpOptionCode.NtpServers));
        Assert.True(reader.TryGetClientIdentifier(out var clientId));
        Assert.Equal(new byte[] { 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }, clientId.ToArray());
        Assert.True(reader.TryGetClientMachineIdentifier(out var uuid));
        Assert.Equal(Guid.Empty, uuid);
        Assert.False(reader.TryGetRequestedIpAddress(out _));
        Assert.False(reader.ContainsOption(DhcpOptionCode.RelayAgentInformation));
    }

    [Fact]
    public void Frame1Discover_IpxeOption175_MatchesTsharkBytes()
    {
        // tshark: b105018086100e eb03010000 170101 220101 130101 110101 270101 190101 290101 100102 210101 150101 180101 120101
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 1));

        Assert.True(reader.TryGetIpxeOptions(out var ipxe));
        Assert.Equal(48, ipxe.Value.Length);
        Assert.True(ipxe.TryGetPciBusId(out var vendor, out var device));
        Assert.Equal((0x8086, 0x100e), (vendor, device));
        Assert.True(ipxe.TryGetVersion(out var major, out var minor, out var build));
        Assert.Equal((1, 0, 0), (major, minor, build));
        Assert.Equal(
            IpxeFeatures.Dns | IpxeFeatures.Elf | IpxeFeatures.Http | IpxeFeatures.Iscsi | IpxeFeatures.Menu
                | IpxeFeatures.Multiboot | IpxeFeatures.Nfs | IpxeFeatures.PxeExtensions | IpxeFeatures.Pxe
                | IpxeFeatures.Tftp | IpxeFeatures.BzImage | IpxeFeatures.Aoe,
            ipxe.Features);
    }

    [Fact]
    public void Frame1Discover_Classify_IsBiosIpxeBootRequest()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 1));

        var info = PxeClassifier.Classify(reader);

        Assert.True(info.IsBootRequest);
        Assert.Equal(PxeNotBootReason.None, info.NotBootReason);
        Assert.Equal(FirmwareKind.Ipxe, info.FirmwareKind);
        Assert.True(info.IsIpxe);
        Assert.False(info.IsUefi);
        Assert.False(info.IsHttpBoot);
        Assert.True(info.HasArchitecture);
        Assert.Equal(ClientArchitecture.IntelX86Pc, info.Architecture);
        Assert.Equal(Guid.Empty, info.Uuid);
        Assert.Equal((2, 1), (info.UndiMajor, info.UndiMinor));
        Assert.True(info.IpxeFeatures.HasFlag(IpxeFeatures.Http));
        Assert.False(info.IpxeFeatures.HasFlag(IpxeFeatures.Https));
        Assert.Equal(MacAddress.Parse("52:54:00:12:34:56"), info.ClientMacAddress);
    }

    [Fact]
    public void Frame2Offer_FieldsAndOptions_MatchTshark()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 2));

        Assert.Equal(DhcpOpcode.BootReply, reader.Op);
        Assert.Equal(DhcpMessageType.Offer, reader.MessageType);
        Assert.Equal(0x7bde6a14u, reader.TransactionId);
        Assert.Equal(Ipv4Address.Parse("192.0.2.157"), reader.YourAddress);
        Assert.Equal(Ipv4Address.Parse("192.0.2.1"), reader.ServerAddress);
        Assert.True(reader.TryGetServerIdentifier(out var serverId));
        Assert.Equal("192.0.2.1", serverId.ToString());
        Assert.True(reader.TryGetLeaseTime(out var lease));
        Assert.Equal(3600u, lease);
        Assert.True(reader.TryGetRenewalTime(out var t1));
        Assert.Equal(1800u, t1);
        Assert.True(reader.TryGetRebindingTime(out var t2));
        Assert.Equal(3150u, t2);
        Assert.True(reader.TryGetSubnetMask(out var mask));
        Assert.Equal("255.255.255.0", mask.ToString());
        Assert.True(reader.TryGetBootFileNameOption(out var bootFile));
        Assert.Equal("http://192.0.2.1:8080/boot-bios.ipxe", Encoding.ASCII.GetString(bootFile).TrimEnd('\0'));
        Assert.Equal(37, bootFile.Length);

        var info = PxeClassifier.Classify(reader);
        Assert.False(info.IsBootRequest);
        Assert.Equal(PxeNotBootReason.NotARequest, info.NotBootReason);
    }

    [Fact]
    public void Frame5Request_Ipxe_NamesServerAndRequestedAddress()
    {
        // tshark: options 53=03 ... 54=c0000201 50=c000029d, after the same PXE options as the DISCOVER.
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 5));

        Assert.Equal(DhcpMessageType.Request, reader.MessageType);
        Assert.Equal(0x7bde6a14u, reader.TransactionId);
        Assert.True(reader.TryGetServerIdentifier(out var serverId));
        Assert.Equal(new Ipv4Address(192, 0, 2, 1), serverId);
        Assert.True(reader.TryGetRequestedIpAddress(out var requested));
        Assert.Equal(new Ipv4Address(192, 0, 2, 157), requested);
        var info = PxeClassifier.Classify(reader);
        Assert.True(info.IsBootRequest);
        Assert.Equal(FirmwareKind.Ipxe, info.FirmwareKind);
    }

    [Fact]
    public void Frame6Ack_Dnsmasq_LeaseAndBootFileUrl()
    {
        // tshark: 53=05 54=c0000201 51=00000e10 67="http://192.0.2.1:8080/boot-bios.ipxe\0" 58=00000708 59=00000c4e
        // 1=ffffff00 28=c00002ff 3=c0000201.
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 6));

        Assert.Equal(DhcpMessageType.Ack, reader.MessageType);
        Assert.Equal(new Ipv4Address(192, 0, 2, 157), reader.YourAddress);
        Assert.True(reader.TryGetLeaseTime(out var lease));
        Assert.Equal(3600u, lease);
        Assert.True(reader.TryGetOption(DhcpOptionCode.BroadcastAddress, out var broadcast));
        Assert.Equal(new Ipv4Address(192, 0, 2, 255), Ipv4Address.Read(broadcast));
        Assert.True(reader.TryGetOption(DhcpOptionCode.Router, out var router));
        Assert.Equal(new Ipv4Address(192, 0, 2, 1), Ipv4Address.Read(router));
        Assert.True(reader.TryGetBootFileNameOption(out var bootFile));
        Assert.Equal("http://192.0.2.1:8080/boot-bios.ipxe\0", Encoding.ASCII.GetString(bootFile));
    }

    [Fact]
    public void Frame10Ack_ToLinuxUdhcpc_NoBootFile()
    {
        // tshark: 53=05 54 51 58 59 1 28 3; no option 67 for the booted kernel's client.
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 10));

        Assert.Equal(DhcpMessageType.Ack, reader.MessageType);
        Assert.Equal(0x53159e5eu, reader.TransactionId);
        Assert.False(reader.ContainsOption(DhcpOptionCode.BootFileName));
        Assert.True(reader.TryGetRebindingTime(out var t2));
        Assert.Equal(3150u, t2);
    }
}
