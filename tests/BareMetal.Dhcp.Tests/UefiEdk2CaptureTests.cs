using System.Text;

namespace BareMetal.Dhcp.Tests;

/// <summary>
/// Golden values for netboot-uefi-edk2-ipxe-dhcp.pcap, written by hand from <c>tshark -V -r</c> output: OVMF's
/// native UEFI PXE (frames 1-4), then the chained iPXE EFI build (frames 5-10).
/// </summary>
public class UefiEdk2CaptureTests
{
    [Fact]
    public void Frame1Discover_Edk2_IsUefiPxeX64WithBroadcastFlag()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.UefiEdk2Ipxe, 1));

        Assert.Equal(0x0b5caba4u, reader.TransactionId);
        Assert.Equal(0x8000, reader.Flags);
        Assert.True(reader.IsBroadcast);
        Assert.Equal(MacAddress.Parse("52:54:00:aa:bb:cc"), reader.ClientMacAddress);
        Assert.Equal(DhcpMessageType.Discover, reader.MessageType);
        Assert.True(reader.TryGetParameterRequestList(out var prl));
        Assert.Equal(35, prl.Length);
        Assert.True(reader.TryGetVendorClassIdentifier(out var vendorClass));
        Assert.Equal("PXEClient:Arch:00007:UNDI:003000", Encoding.ASCII.GetString(vendorClass));
        Assert.False(reader.ContainsOption(DhcpOptionCode.UserClass));
        Assert.False(reader.ContainsOption(DhcpOptionCode.IpxeEncapsulated));

        var info = PxeClassifier.Classify(reader);

        Assert.True(info.IsBootRequest);
        Assert.Equal(FirmwareKind.UefiPxe, info.FirmwareKind);
        Assert.Equal(ClientArchitecture.X64Uefi, info.Architecture);
        Assert.True(info.IsUefi);
        Assert.False(info.IsIpxe);
        Assert.False(info.IsHttpBoot);
        Assert.Equal((3, 0), (info.UndiMajor, info.UndiMinor));
        Assert.Equal(Guid.Empty, info.Uuid);
        Assert.Equal(IpxeFeatures.None, info.IpxeFeatures);
    }

    [Fact]
    public void Frame3Request_Edk2_CarriesServerIdRequestedAddressAndLargeMaxSize()
    {
        // tshark: 53=03, 54=c0000201, 50=c00002a1, 57=ff00 (65280), 94=010300, 93=0007.
        var reader = Captures.Parse(Captures.Frame(Captures.UefiEdk2Ipxe, 3));

        Assert.Equal(DhcpMessageType.Request, reader.MessageType);
        Assert.True(reader.TryGetServerIdentifier(out var serverId));
        Assert.Equal(Ipv4Address.Parse("192.0.2.1"), serverId);
        Assert.True(reader.TryGetRequestedIpAddress(out var requested));
        Assert.Equal(Ipv4Address.Parse("192.0.2.161"), requested);
        Assert.True(reader.TryGetMaximumMessageSize(out var maxSize));
        Assert.Equal(65280, maxSize);
        Assert.True(PxeClassifier.Classify(reader).IsBootRequest);
    }

    [Fact]
    public void Frame2Offer_Dnsmasq_NamesSnponlyEfi()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.UefiEdk2Ipxe, 2));

        Assert.Equal(DhcpMessageType.Offer, reader.MessageType);
        Assert.True(reader.IsBroadcast);
        Assert.Equal(Ipv4Address.Parse("192.0.2.161"), reader.YourAddress);
        Assert.Equal(Ipv4Address.Parse("192.0.2.1"), reader.ServerAddress);
        Assert.True(reader.TryGetBootFileNameOption(out var bootFile));
        Assert.Equal("snponly.efi\0", Encoding.ASCII.GetString(bootFile));
    }

    [Fact]
    public void Frame5Discover_IpxeEfi_HasEfiFeatureAndVirtioBusId()
    {
        // tshark 175: b105011af41000 eb03010000 170101 240101 130101 110101 270101 290101 150101 120101
        var reader = Captures.Parse(Captures.Frame(Captures.UefiEdk2Ipxe, 5));

        Assert.Equal(0x1b760c0fu, reader.TransactionId);
        Assert.False(reader.IsBroadcast);
        Assert.True(reader.TryGetVendorClassIdentifier(out var vendorClass));
        Assert.Equal("PXEClient:Arch:00007:UNDI:003010", Encoding.ASCII.GetString(vendorClass));
        Assert.True(reader.TryGetIpxeOptions(out var ipxe));
        Assert.True(ipxe.TryGetPciBusId(out var vendor, out var device));
        Assert.Equal((0x1af4, 0x1000), (vendor, device));
        Assert.Equal(
            IpxeFeatures.Dns | IpxeFeatures.Efi | IpxeFeatures.Http | IpxeFeatures.Iscsi | IpxeFeatures.Menu
                | IpxeFeatures.Nfs | IpxeFeatures.Tftp | IpxeFeatures.Aoe,
            ipxe.Features);

        var info = PxeClassifier.Classify(reader);

        Assert.True(info.IsBootRequest);
        Assert.Equal(FirmwareKind.Ipxe, info.FirmwareKind);
        Assert.Equal(ClientArchitecture.X64Uefi, info.Architecture);
        Assert.True(info.IsUefi);
        Assert.Equal((3, 10), (info.UndiMajor, info.UndiMinor));
        Assert.True(info.IpxeFeatures.HasFlag(IpxeFeatures.Efi));
    }

    [Fact]
    public void Frame6Offer_Dnsmasq_NamesIpxeScriptUrl()
    {
        var reader = Captures.Parse(Captures.Frame(Captures.UefiEdk2Ipxe, 6));

        Assert.Equal(Ipv4Address.Parse("192.0.2.161"), reader.YourAddress);
        Assert.True(reader.TryGetBootFileNameOption(out var bootFile));
        Assert.Equal("http://192.0.2.1:8080/boot.ipxe\0", Encoding.ASCII.GetString(bootFile));
    }
}
