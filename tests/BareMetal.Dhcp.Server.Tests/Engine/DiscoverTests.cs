using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Tests.Support;

namespace BareMetal.Dhcp.Server.Tests.Engine;

public class DiscoverTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("52:54:00:12:34:56");

    [Fact]
    public void Discover_NewClient_OffersFirstPoolAddressByBroadcastWithLeaseOptions()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Equal(DhcpMessageType.Offer, reply.Type);
        Assert.Equal(Ipv4Address.Parse("192.0.2.100"), reply.YourAddress);
        Assert.Equal(Ipv4Address.Broadcast, reply.Result.Destination);
        Assert.Equal(68, reply.Result.DestinationPort);
        Assert.False(reply.Result.RequiresFlush);
        Assert.Equal(new byte[] { 192, 0, 2, 1 }, reply.Option(DhcpOptionCode.ServerIdentifier));
        Assert.Equal(new byte[] { 0, 0, 0x0E, 0x10 }, reply.Option(DhcpOptionCode.IpAddressLeaseTime));
        Assert.Equal(new byte[] { 0, 0, 0x07, 0x08 }, reply.Option(DhcpOptionCode.RenewalTime));
        Assert.Equal(new byte[] { 0, 0, 0x0C, 0x4E }, reply.Option(DhcpOptionCode.RebindingTime));
        Assert.Equal(new byte[] { 255, 255, 255, 0 }, reply.Option(DhcpOptionCode.SubnetMask));
        Assert.Equal(new byte[] { 192, 0, 2, 1 }, reply.Option(DhcpOptionCode.Router));
        Assert.Equal(new byte[] { 192, 0, 2, 53 }, reply.Option(DhcpOptionCode.DomainNameServer));
    }

    [Fact]
    public void Discover_Twice_OffersTheSameAddress()
    {
        using var h = new EngineHarness();

        var first = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac)).YourAddress;
        var second = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac)).YourAddress;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Discover_RequestedFreeAddress_IsOffered()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac).Requesting(Ipv4Address.Parse("192.0.2.105")));

        Assert.Equal(Ipv4Address.Parse("192.0.2.105"), reply.YourAddress);
    }

    [Fact]
    public void Discover_RequestedAddressOutsidePool_GetsAPoolAddress()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac).Requesting(Ipv4Address.Parse("192.0.2.20")));

        Assert.Equal(Ipv4Address.Parse("192.0.2.100"), reply.YourAddress);
    }

    [Fact]
    public void Discover_PoolFull_NoOfferAndReasonPoolExhausted()
    {
        using var h = new EngineHarness();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(DhcpMessageType.Offer, h.Send(new ClientPacket(DhcpMessageType.Discover, new MacAddress(0x525400000000UL + (ulong)i))).Type);
        }

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.False(reply.Result.HasReply);
        Assert.Equal(DhcpIgnoreReason.PoolExhausted, reply.Result.IgnoreReason);
        Assert.Contains(DhcpIgnoreReason.PoolExhausted, h.Observer.Ignored);
    }

    [Fact]
    public void Discover_OfferTimedOut_AddressIsReusedForAnotherClient()
    {
        using var h = new EngineHarness();
        for (var i = 0; i < 10; i++)
        {
            h.Send(new ClientPacket(DhcpMessageType.Discover, new MacAddress(0x525400000000UL + (ulong)i)));
        }

        h.Now += 31_000;
        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Equal(DhcpMessageType.Offer, reply.Type);
    }

    [Fact]
    public void Discover_Reservation_OffersReservedAddressAndHostName()
    {
        using var h = new EngineHarness(o => o.Subnets[0].Reservations.Add(new() { Mac = "52:54:00:12:34:56", Address = "192.0.2.10", Hostname = "node1" }));

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Equal(Ipv4Address.Parse("192.0.2.10"), reply.YourAddress);
        Assert.Equal("node1", reply.OptionText(DhcpOptionCode.HostName));
    }

    [Fact]
    public void Discover_ReservedAddressInsidePool_IsNotGivenToOthers()
    {
        using var h = new EngineHarness(o => o.Subnets[0].Reservations.Add(new() { Mac = "52:54:00:aa:aa:aa", Address = "192.0.2.100" }));

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Equal(Ipv4Address.Parse("192.0.2.101"), reply.YourAddress);
    }

    [Fact]
    public void Discover_BroadcastFlagAndNoAddress_RepliesByBroadcast()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac) { Broadcast = true });

        Assert.Equal(Ipv4Address.Broadcast, reply.Result.Destination);
        Assert.True(reply.Parse(out var r) && r.IsBroadcast);
    }

    [Fact]
    public void Discover_ClientIdentifier_IsEchoedAndKeysTheLease()
    {
        using var h = new EngineHarness();
        var id = new byte[] { 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

        var a = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac).With(DhcpOptionCode.ClientIdentifier, id));
        var b = h.Send(new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:99:99:99")).With(DhcpOptionCode.ClientIdentifier, id));

        Assert.Equal(id, a.Option(DhcpOptionCode.ClientIdentifier));
        Assert.Equal(a.YourAddress, b.YourAddress);
    }
}
