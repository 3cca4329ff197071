using BareMetal.Dhcp;
using BareMetal.Dhcp6.Server.Tests.Support;
using static BareMetal.Dhcp6.Server.Tests.Support.EngineHarness;

namespace BareMetal.Dhcp6.Server.Tests.Engine;

/// <summary>Boot policy: the architecture picks the URL (RFC 5970 §3.1), with bracketed IPv6 literals (RFC 3986 §3.2.2).</summary>
public class BootTests
{
    private static readonly byte[] Duid = ClientMessage.DuidLl("52:54:00:24:00:42");

    [Fact]
    public void Solicit_HttpBootX64_HttpUrlAndHttpClientVendorClassEchoed()
    {
        var solicit = new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1)
            .Oro(Dhcp6OptionCode.BootFileUrl).Architecture(ClientArchitecture.X64UefiHttp).VendorClass("HTTPClient:Arch:00016:UNDI:003000").Build();

        var advertise = Parse(new EngineHarness().Send(solicit).Reply);

        Assert.Equal("http://[2001:db8:24::1]:8080/ipxe.efi", BootFileUrl(advertise));
        Assert.True(advertise.TryGetVendorClass(out var enterprise, out var items));
        Assert.Equal(343u, enterprise);
        Assert.Equal("HTTPClient"u8.ToArray(), items.First.ToArray());
    }

    [Fact]
    public void Solicit_CapturedIpxe_ScriptUrlWithIpxeExpandedMac()
    {
        // iPXE sends a DUID-UUID, so the MAC is left for iPXE itself to fill in.
        var advertise = Parse(new EngineHarness().Send(CapturedFrame("dhcp6-ipxe-efi.pcap", 1)).Reply);

        Assert.Equal("http://[2001:db8:24::1]:8080/ipxe/${mac}", BootFileUrl(advertise));
        Assert.False(advertise.HasOption(Dhcp6OptionCode.VendorClass));
        Assert.True(advertise.TryGetDomainSearchList(out _)); // iPXE's ORO asks for 24
    }

    [Fact]
    public void Solicit_IpxeRelayedWithMac_ScriptUrlNamesTheMac()
    {
        var solicit = new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidUuid(Guid.NewGuid())).IaNa(1)
            .Architecture(ClientArchitecture.X64Uefi).VendorClass("PXEClient:Arch:00007:UNDI:003010").UserClass("iPXE").Build();
        var forward = ClientMessage.RelayForward(solicit, "2001:db8:24:2::1", "fe80::1", clientMac: "52:54:00:aa:bb:cc");

        var reply = Parse(new EngineHarness().Send(forward, RelayAddress, 547, iface: null).Reply);

        Assert.True(reply.TryGetRelayMessage(out var advertise));
        Assert.Equal("http://[2001:db8:24::1]:8080/ipxe/52:54:00:aa:bb:cc", BootFileUrl(advertise));
    }

    [Fact]
    public void Solicit_Arm64Pxe_ConfiguredTftpFile()
    {
        var solicit = new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1)
            .Architecture(ClientArchitecture.Arm64Uefi).VendorClass("PXEClient:Arch:00011:UNDI:003000").Build();

        Assert.Equal("tftp://[2001:db8:24::1]/snponly-arm64.efi", BootFileUrl(Parse(new EngineHarness().Send(solicit).Reply)));
    }

    [Fact]
    public void Solicit_ArchitectureWithoutFile_NoUrl()
    {
        var solicit = new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1)
            .Architecture(ClientArchitecture.RiscV64Uefi).VendorClass("PXEClient:Arch:00027:UNDI:003000").Build();

        var advertise = Parse(new EngineHarness().Send(solicit).Reply);

        Assert.Null(BootFileUrl(advertise));
        Assert.NotNull(FirstIaNa(advertise).Address); // still an address: only the boot file is withheld
    }

    [Fact]
    public void Solicit_DhclientCaptured_NoBootUrl()
    {
        var advertise = Parse(new EngineHarness().Send(CapturedFrame("dhcp6-dhclient-kea.pcap", 1)).Reply);

        Assert.Null(BootFileUrl(advertise));
    }

    [Fact]
    public void Solicit_BootDisabled_NoUrl()
    {
        var harness = new EngineHarness(o => o.Boot.Enabled = false);

        Assert.Null(BootFileUrl(Parse(harness.Send(CapturedFrame("dhcp6-uefi-edk2-pxe.pcap", 1)).Reply)));
    }
}

/// <summary>The engine on OVMF's captured UEFI HTTP boot Solicit.</summary>
public class CapturedHttpBootTests
{
    [Fact]
    public void Solicit_CapturedEdk2HttpBoot_HttpUrlAndHttpClientEchoed()
    {
        var advertise = Parse(new EngineHarness().Send(CapturedFrame("dhcp6-uefi-edk2-http.pcap", 1)).Reply);

        Assert.Equal("http://[2001:db8:24::1]:8080/ipxe.efi", BootFileUrl(advertise));
        Assert.True(advertise.TryGetVendorClass(out var enterprise, out var items));
        Assert.Equal((343u, "HTTPClient"), (enterprise, System.Text.Encoding.ASCII.GetString(items.First)));
    }
}
