using System.Text;

namespace BareMetal.Dhcp.Tests;

/// <summary>
/// Golden values for dhcp-udhcpc-busybox.pcap (busybox 1.35 udhcpc against Kea 2.2), written by hand from
/// <c>tshark -V -r</c> output, plus the Linux udhcpc exchange at the end of the BIOS capture.
/// </summary>
public class UdhcpcCaptureTests
{
    [Fact]
    public void Frame1Discover_Udhcpc_HostNameVendorClassAndPadding()
    {
        var payload = Captures.Frame(Captures.UdhcpcBusybox, 1);
        var reader = Captures.Parse(payload);

        Assert.Equal(0xdeea241du, reader.TransactionId);
        Assert.Equal("02:43:85:79:3f:6f", reader.ClientMacAddress.ToString());
        Assert.Equal(DhcpMessageType.Discover, reader.MessageType);
        Assert.True(reader.TryGetMaximumMessageSize(out var maxSize));
        Assert.Equal(576, maxSize);
        Assert.True(reader.TryGetParameterRequestList(out var prl));
        Assert.Equal(new byte[] { 1, 3, 6, 12, 15, 28, 42 }, prl.ToArray());
        Assert.True(reader.TryGetHostName(out var hostName));
        Assert.Equal("lab-udhcpc", Encoding.ASCII.GetString(hostName));
        Assert.True(reader.TryGetVendorClassIdentifier(out var vendorClass));
        Assert.Equal("lab-vendor", Encoding.ASCII.GetString(vendorClass));
        Assert.True(reader.TryGetClientIdentifier(out var clientId));
        Assert.Equal(new byte[] { 1, 0x02, 0x43, 0x85, 0x79, 0x3f, 0x6f }, clientId.ToArray());

        var info = PxeClassifier.Classify(reader);
        Assert.False(info.IsBootRequest);
        Assert.Equal(FirmwareKind.NotPxe, info.FirmwareKind);
        Assert.Equal(PxeNotBootReason.NotPxeVendorClass, info.NotBootReason);
    }

    [Fact]
    public void Frame2Offer_Kea_LeaseMaskAndServerId()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.UdhcpcBusybox, 2));

        Assert.Equal(DhcpMessageType.Offer, reader.MessageType);
        Assert.Equal(Ipv4Address.Parse("198.18.1.0"), reader.YourAddress);
        Assert.Equal(Ipv4Address.Any, reader.ServerAddress);
        Assert.True(reader.TryGetSubnetMask(out var mask));
        Assert.Equal(Ipv4Address.Parse("255.254.0.0"), mask);
        Assert.True(reader.TryGetLeaseTime(out var lease));
        Assert.Equal(4000u, lease);
        Assert.True(reader.TryGetServerIdentifier(out var serverId));
        Assert.Equal(Ipv4Address.Parse("198.18.0.1"), serverId);
    }

    [Fact]
    public void Frame3Request_Udhcpc_RequestedAddressAndServerId()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.UdhcpcBusybox, 3));

        Assert.Equal(DhcpMessageType.Request, reader.MessageType);
        Assert.True(reader.TryGetRequestedIpAddress(out var requested));
        Assert.Equal(Ipv4Address.Parse("198.18.1.0"), requested);
        Assert.True(reader.TryGetServerIdentifier(out var serverId));
        Assert.Equal(Ipv4Address.Parse("198.18.0.1"), serverId);
    }

    [Fact]
    public void BiosCaptureFrame7_LinuxUdhcpc_IsNotABootRequest()
    {
        // tshark: 53=01, 57=0240 (576), 55=0103060c0f1c2a, 60="udhcp 1.35.0", 61=01525400123456.
        var reader = Captures.Parse(Captures.Frame(Captures.BiosIpxe, 7));

        Assert.True(reader.TryGetVendorClassIdentifier(out var vendorClass));
        Assert.Equal("udhcp 1.35.0", Encoding.ASCII.GetString(vendorClass));
        var info = PxeClassifier.Classify(reader);
        Assert.Equal(PxeNotBootReason.NotPxeVendorClass, info.NotBootReason);
        Assert.False(info.HasArchitecture);
    }

    [Theory]
    [InlineData(Captures.BiosIpxe)]
    [InlineData(Captures.UefiEdk2Ipxe)]
    [InlineData(Captures.UdhcpcBusybox)]
    public void EveryDhcpPacket_InEveryCapture_Parses(string file)
    {
        var count = 0;
        foreach (var datagram in BareMetal.Testing.PcapFile.ReadUdp(file))
        {
            Assert.True(DhcpMessageReader.TryParse(datagram.Payload, out var reader, out var error), $"{file} frame {datagram.Index}: {error}");
            Assert.NotEqual(DhcpMessageType.None, reader.MessageType);
            count++;
        }

        Assert.True(count >= 4);
    }
}
