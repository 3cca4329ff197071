using BareMetal.Dhcp;

namespace BareMetal.Dhcp6.Tests;

/// <summary>Golden tests on OVMF (EDK2) UEFI PXE over IPv6 and Kea 2.2's answers, captured here (see the captures README).</summary>
public class Edk2CaptureTests
{
    private static readonly MacAddress Machine = MacAddress.Parse("52:54:00:24:00:07");

    [Fact]
    public void Solicit_Edk2Pxe_HasRfc5970BootOptions()
    {
        var solicit = Captures.Parse(Captures.Frame(Captures.Edk2Pxe, 1));

        Assert.Equal(Dhcp6MessageType.Solicit, solicit.MessageType);
        Assert.Equal(0x0ce242u, solicit.TransactionId);
        Assert.False(solicit.IsRelay);
        Assert.True(solicit.TryGetClientId(out var duid));
        Assert.Equal(Dhcp6DuidType.LinkLayerPlusTime, duid.Type);
        Assert.Equal(837506694u, duid.Time);
        Assert.True(duid.TryGetMacAddress(out var mac));
        Assert.Equal(Machine, mac);
        Assert.True(solicit.TryGetElapsedTime(out var elapsed));
        Assert.Equal(0, elapsed);

        // RFC 5970 §3.1: a boot client asks for the Boot File URL and parameters in its ORO.
        Assert.True(solicit.IsOptionRequested(Dhcp6OptionCode.BootFileUrl));
        Assert.True(solicit.IsOptionRequested(Dhcp6OptionCode.BootFileParameters));
        Assert.True(solicit.IsOptionRequested(Dhcp6OptionCode.DnsServers));
        Assert.True(solicit.IsOptionRequested(Dhcp6OptionCode.VendorClass));
        Assert.True(solicit.TryGetClientArchitecture(out var architecture));
        Assert.Equal(ClientArchitecture.X64Uefi, architecture);
        Assert.True(solicit.TryGetNetworkInterfaceId(out var type, out var major, out var minor));
        Assert.Equal((1, 3, 0), (type, major, minor));
        Assert.True(solicit.TryGetVendorClass(out var enterprise, out var items));
        Assert.Equal(343u, enterprise);
        Assert.Equal("PXEClient:Arch:00007:UNDI:003000"u8.ToArray(), items.First.ToArray());
    }

    [Fact]
    public void Solicit_Edk2Pxe_IaNaWithInfiniteTimers()
    {
        var solicit = Captures.Parse(Captures.Frame(Captures.Edk2Pxe, 1));

        var count = 0;
        foreach (var option in solicit.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia))
            {
                count++;
                Assert.Equal(Dhcp6OptionCode.IaNa, ia.Kind);
                Assert.Equal(923367291u, ia.Iaid);
                Assert.Equal(uint.MaxValue, ia.T1);
                Assert.Equal(uint.MaxValue, ia.T2);
                Assert.True(ia.OptionBytes.IsEmpty);
            }
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public void Classify_Edk2PxeSolicit_IsUefiPxeX64WithMacFromDuid()
    {
        var info = Dhcp6BootClassifier.Classify(Captures.Parse(Captures.Frame(Captures.Edk2Pxe, 1)));

        Assert.True(info.IsBootRequest, info.NotBootReason.ToString());
        Assert.Equal(FirmwareKind.UefiPxe, info.FirmwareKind);
        Assert.Equal(ClientArchitecture.X64Uefi, info.Architecture);
        Assert.True(info.IsUefi);
        Assert.False(info.IsHttpBoot);
        Assert.False(info.IsIpxe);
        Assert.Equal(Machine, info.MacAddress);
        Assert.Null(info.Uuid);
        Assert.Equal((3, 0), (info.UndiMajor, info.UndiMinor));
        Assert.True(info.RequestsBootFileUrl);
        Assert.Equal(0, info.RelayCount);
    }

    [Fact]
    public void Classify_Edk2SecondSolicitWithoutVendorClass_IsNotBootRequest()
    {
        // EDK2's second exchange (its IPv6 stack configuring the station address) carries no boot options.
        var info = Dhcp6BootClassifier.Classify(Captures.Parse(Captures.Frame(Captures.Edk2Pxe, 4)));

        Assert.Equal(Dhcp6NotBootReason.NoVendorClass, info.NotBootReason);
        Assert.Equal(Machine, info.MacAddress);
    }

    [Fact]
    public void Advertise_Kea_OffersAddressDnsAndBootFileUrl()
    {
        var advertise = Captures.Parse(Captures.Frame(Captures.Edk2Pxe, 2));

        Assert.Equal(Dhcp6MessageType.Advertise, advertise.MessageType);
        Assert.Equal(0x0ce242u, advertise.TransactionId);
        Assert.True(advertise.TryGetServerId(out var server));
        Assert.Equal(Dhcp6DuidType.LinkLayer, server.Type);
        Assert.True(server.TryGetMacAddress(out var serverMac));
        Assert.Equal(MacAddress.Parse("02:00:00:24:00:01"), serverMac);
        Assert.True(advertise.TryGetBootFileUrl(out var url));
        Assert.Equal("tftp://[2001:db8:24::1]/snponly.efi"u8.ToArray(), url.ToArray());
        Assert.True(advertise.TryGetDnsServers(out var dns));
        Assert.Equal(Ipv6Address.Parse("2001:db8:24::1"), Ipv6Address.Read(dns));

        var addresses = 0;
        foreach (var option in advertise.GetOptions())
        {
            if (!option.TryReadIdentityAssociation(out var ia))
            {
                continue;
            }

            Assert.Equal((923367291u, 1000u, 2000u), (ia.Iaid, ia.T1, ia.T2));
            foreach (var inner in ia.GetOptions())
            {
                Assert.True(inner.TryReadIaAddress(out var address));
                Assert.Equal(Ipv6Address.Parse("2001:db8:24::100"), address.Address);
                Assert.Equal((3000u, 4000u), (address.PreferredLifetime, address.ValidLifetime));
                addresses++;
            }
        }

        Assert.Equal(1, addresses);
    }

    [Fact]
    public void ReleaseReply_Kea_CarriesStatusCodesAtBothLevels()
    {
        var reply = Captures.Parse(Captures.Frame(Captures.Edk2Pxe, 15));

        Assert.Equal(Dhcp6MessageType.Reply, reply.MessageType);
        Assert.True(reply.TryGetStatusCode(out var status, out var message));
        Assert.Equal(Dhcp6StatusCode.NoBinding, status);
        Assert.False(message.IsEmpty);
        foreach (var option in reply.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia))
            {
                Assert.True(ia.TryGetStatusCode(out var iaStatus, out _));
                Assert.Equal(Dhcp6StatusCode.NoBinding, iaStatus);
            }
        }
    }
}
