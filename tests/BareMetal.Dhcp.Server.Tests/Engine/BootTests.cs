using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Tests.Support;
using BareMetal.Testing;

namespace BareMetal.Dhcp.Server.Tests.Engine;

/// <summary>Real firmware DISCOVERs from the captures, replayed through the engine in full and proxy mode.</summary>
public class BootTests
{
    private static byte[] FirstDiscover(string capture, Func<byte[], bool>? where = null) =>
        PcapFile.ReadUdp(capture)
            .Where(d => d.DestinationPort == 67 && DhcpMessageReader.TryParse(d.Payload, out var r, out _) && r.MessageType == DhcpMessageType.Discover)
            .Select(d => d.Payload)
            .First(p => where?.Invoke(p) ?? true);

    private static bool IsIpxe(byte[] packet) =>
        DhcpMessageReader.TryParse(packet, out var r, out _) && PxeClassifier.Classify(r).IsIpxe;

    private static void Proxy(DhcpServerOptions options)
    {
        options.Interfaces[0].Mode = DhcpServerMode.Proxy;
        options.Subnets.Clear();
    }

    [Fact]
    public void Full_BiosIpxeCapture_OffersScriptUrlSoTheChainDoesNotLoop()
    {
        using var h = new EngineHarness();

        var reply = h.Send(FirstDiscover("netboot-bios-ipxe-dhcp.pcap"));

        Assert.Equal(DhcpMessageType.Offer, reply.Type);
        Assert.Equal("http://192.0.2.1:8080/ipxe/52:54:00:12:34:56", reply.BootFile);
        Assert.Equal("http://192.0.2.1:8080/ipxe/52:54:00:12:34:56", reply.OptionText(DhcpOptionCode.BootFileName));
        Assert.Equal(EngineHarness.Server, reply.NextServer);
    }

    [Fact]
    public void Full_Edk2UefiCapture_OffersSnponlyEfiWithoutVendorClass()
    {
        using var h = new EngineHarness();

        var reply = h.Send(FirstDiscover("netboot-uefi-edk2-ipxe-dhcp.pcap", p => !IsIpxe(p)));

        Assert.Equal(DhcpMessageType.Offer, reply.Type);
        Assert.Equal("snponly.efi", reply.BootFile);
        Assert.Equal(EngineHarness.Server, reply.NextServer);
        Assert.Null(reply.Option(DhcpOptionCode.VendorClassIdentifier));
        Assert.False(reply.YourAddress.IsUnspecified);
    }

    [Fact]
    public void Full_Edk2ChainedIpxe_GetsScriptUrl()
    {
        using var h = new EngineHarness();

        var reply = h.Send(FirstDiscover("netboot-uefi-edk2-ipxe-dhcp.pcap", IsIpxe));

        Assert.StartsWith("http://192.0.2.1:8080/ipxe/", reply.BootFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_UdhcpcCapture_GetsAddressAndNoBootFile()
    {
        using var h = new EngineHarness();

        var reply = h.Send(FirstDiscover("dhcp-udhcpc-busybox.pcap"));

        Assert.Equal(DhcpMessageType.Offer, reply.Type);
        Assert.Equal("", reply.BootFile);
        Assert.Null(reply.Option(DhcpOptionCode.BootFileName));
        Assert.True(reply.NextServer.IsUnspecified);
    }

    [Fact]
    public void Full_UefiHttpBoot_GetsUrlAndHttpClientVendorClass()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:00:00:10"))
            .With(DhcpOptionCode.VendorClassIdentifier, "HTTPClient:Arch:00016:UNDI:003001")
            .With(DhcpOptionCode.ClientSystemArchitecture, [0, 16]));

        Assert.Equal("http://192.0.2.1:8080/ipxe.efi", reply.BootFile);
        Assert.Equal("HTTPClient", reply.OptionText(DhcpOptionCode.VendorClassIdentifier));
    }

    [Fact]
    public void Full_CustomPolicy_DecidesPerMachine()
    {
        using var h = new EngineHarness(policy: new PerMachine());

        var reply = h.Send(FirstDiscover("netboot-uefi-edk2-ipxe-dhcp.pcap", p => !IsIpxe(p)));

        Assert.Equal("machines/special.efi", reply.BootFile);
        Assert.Equal(Ipv4Address.Parse("192.0.2.9"), reply.NextServer);
    }

    [Fact]
    public void Proxy_Edk2Discover_OffersBootWithoutAddressWithPxeClientAndUuidEcho()
    {
        using var h = new EngineHarness(Proxy);
        var discover = FirstDiscover("netboot-uefi-edk2-ipxe-dhcp.pcap", p => !IsIpxe(p));

        var reply = h.Send(discover);

        Assert.Equal(DhcpMessageType.Offer, reply.Type);
        Assert.True(reply.YourAddress.IsUnspecified);
        Assert.Equal("PXEClient", reply.OptionText(DhcpOptionCode.VendorClassIdentifier));
        Assert.Equal("snponly.efi", reply.BootFile);
        Assert.NotNull(reply.Option(DhcpOptionCode.ClientMachineIdentifier));
        Assert.Null(reply.Option(DhcpOptionCode.VendorSpecificInformation));
        Assert.Null(reply.Option(DhcpOptionCode.IpAddressLeaseTime));
        Assert.Equal(Ipv4Address.Broadcast, reply.Result.Destination);
    }

    [Fact]
    public void Proxy_BiosPxe_GetsDiscoveryControlUseBootFile()
    {
        using var h = new EngineHarness(Proxy);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:00:00:11"))
            .With(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00000:UNDI:002001")
            .With(DhcpOptionCode.ClientSystemArchitecture, [0, 0]));

        Assert.Equal("undionly.kpxe", reply.BootFile);
        Assert.Equal(new byte[] { 6, 1, 8, 255 }, reply.Option(DhcpOptionCode.VendorSpecificInformation));
    }

    [Fact]
    public void Proxy_NonPxeClient_Ignored()
    {
        using var h = new EngineHarness(Proxy);

        var reply = h.Send(FirstDiscover("dhcp-udhcpc-busybox.pcap"));

        Assert.Equal(DhcpIgnoreReason.NotBootClient, reply.Result.IgnoreReason);
    }

    [Fact]
    public void Proxy_RequestOnPort67_LeftToTheAddressServer()
    {
        using var h = new EngineHarness(Proxy);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, MacAddress.Parse("52:54:00:00:00:12"))
            .With(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003000"));

        Assert.Equal(DhcpIgnoreReason.NotForProxy, reply.Result.IgnoreReason);
    }

    [Fact]
    public void Proxy_BootServerRequestOnPort4011_AckToClientAddressAndPort()
    {
        using var h = new EngineHarness(Proxy);
        var client = Ipv4Address.Parse("192.0.2.161");

        var reply = h.Send(
            new ClientPacket(DhcpMessageType.Request, MacAddress.Parse("52:54:00:00:00:13")) { ClientAddress = client }
                .With(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003000")
                .With(DhcpOptionCode.ClientSystemArchitecture, [0, 7]),
            bootServerPort: true, source: client, sourcePort: 4011);

        Assert.Equal(DhcpMessageType.Ack, reply.Type);
        Assert.Equal(client, reply.Result.Destination);
        Assert.Equal(4011, reply.Result.DestinationPort);
        Assert.Equal("snponly.efi", reply.BootFile);
        Assert.True(reply.YourAddress.IsUnspecified);
    }

    [Fact]
    public void Proxy_PolicyDeclines_NoReply()
    {
        using var h = new EngineHarness(Proxy, policy: new PerMachine());

        var reply = h.Send(FirstDiscover("netboot-bios-ipxe-dhcp.pcap"));

        Assert.Equal(DhcpIgnoreReason.BootDeclinedByPolicy, reply.Result.IgnoreReason);
    }

    private sealed class PerMachine : IBootPolicy
    {
        public BootDecision Decide(in BootRequest request) =>
            request.Client.IsIpxe
                ? BootDecision.NoBoot("this test machine is not allowed to chain")
                : BootDecision.BootFile("machines/special.efi", Ipv4Address.Parse("192.0.2.9"));
    }
}
