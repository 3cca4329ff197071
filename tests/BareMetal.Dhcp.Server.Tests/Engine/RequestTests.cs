using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Tests.Support;

namespace BareMetal.Dhcp.Server.Tests.Engine;

public class RequestTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("52:54:00:12:34:56");
    private static readonly Ipv4Address Other = Ipv4Address.Parse("192.0.2.2");

    private static Ipv4Address Bind(EngineHarness h)
    {
        var offered = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac)).YourAddress;
        var ack = h.Send(new ClientPacket(DhcpMessageType.Request, Mac).Requesting(offered).ServerId(EngineHarness.Server));
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        return offered;
    }

    [Fact]
    public void Request_Selecting_AcksOfferedAddressAndBindsDurably()
    {
        using var h = new EngineHarness();
        var offered = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac)).YourAddress;

        var ack = h.Send(new ClientPacket(DhcpMessageType.Request, Mac).Requesting(offered).ServerId(EngineHarness.Server));

        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        Assert.Equal(offered, ack.YourAddress);
        Assert.True(ack.Result.RequiresFlush);
        var lease = h.Store.FindByAddress(offered);
        Assert.NotNull(lease);
        Assert.Equal(DhcpLeaseState.Bound, lease.State);
        Assert.Equal(h.Now + 3_600_000, lease.ExpiresAtUnixMilliseconds);
        Assert.Single(h.Observer.Acknowledged);
    }

    [Fact]
    public void Request_OtherServerSelected_IgnoredAndOfferWithdrawn()
    {
        using var h = new EngineHarness();
        var offered = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac)).YourAddress;

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Mac).Requesting(offered).ServerId(Other));

        Assert.Equal(DhcpIgnoreReason.OtherServerSelected, reply.Result.IgnoreReason);
        Assert.Null(h.Store.FindByAddress(offered));
    }

    [Fact]
    public void Request_SelectingWithoutOffer_Nak()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Mac).Requesting(Ipv4Address.Parse("192.0.2.100")).ServerId(EngineHarness.Server));

        Assert.Equal(DhcpMessageType.Nak, reply.Type);
        Assert.Equal(Ipv4Address.Broadcast, reply.Result.Destination);
    }

    [Fact]
    public void Request_Renewing_AcksByUnicastToCiaddrAndExtends()
    {
        using var h = new EngineHarness();
        var address = Bind(h);
        h.Now += 1_800_000;

        var ack = h.Send(new ClientPacket(DhcpMessageType.Request, Mac) { ClientAddress = address });

        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        Assert.Equal(address, ack.Result.Destination);
        Assert.Equal(address, ack.YourAddress);
        Assert.True(ack.Parse(out var r) && r.ClientAddress == address);
        Assert.Equal(h.Now + 3_600_000, h.Store.FindByAddress(address)!.ExpiresAtUnixMilliseconds);
    }

    [Fact]
    public void Request_InitRebootForeignAddress_AuthoritativeNak()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Mac).Requesting(Ipv4Address.Parse("198.18.0.5")));

        Assert.Equal(DhcpMessageType.Nak, reply.Type);
    }

    [Fact]
    public void Request_InitRebootUnknownAddressNotAuthoritative_Silent()
    {
        using var h = new EngineHarness(o => o.Authoritative = false);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Mac).Requesting(Ipv4Address.Parse("192.0.2.105")));

        Assert.Equal(DhcpIgnoreReason.NotAuthoritative, reply.Result.IgnoreReason);
    }

    [Fact]
    public void Request_InitRebootOwnAddress_Ack()
    {
        using var h = new EngineHarness();
        var address = Bind(h);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Mac).Requesting(address));

        Assert.Equal(DhcpMessageType.Ack, reply.Type);
    }

    [Fact]
    public void Request_AddressLeasedToAnother_Nak()
    {
        using var h = new EngineHarness();
        var address = Bind(h);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, MacAddress.Parse("52:54:00:00:00:01")).Requesting(address));

        Assert.Equal(DhcpMessageType.Nak, reply.Type);
    }

    [Fact]
    public void Release_ThenDiscover_GetsTheSameAddressBack()
    {
        using var h = new EngineHarness();
        var address = Bind(h);

        var release = h.Send(new ClientPacket(DhcpMessageType.Release, Mac) { ClientAddress = address }.ServerId(EngineHarness.Server));
        var again = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Equal(DhcpIgnoreReason.NoReplyExpected, release.Result.IgnoreReason);
        Assert.Equal(DhcpLeaseState.Offered, h.Store.FindByAddress(address)!.State);
        Assert.Equal(address, again.YourAddress);
        Assert.Single(h.Observer.Released);
    }

    [Fact]
    public void Decline_QuarantinesAddressAndClientGetsAnother()
    {
        using var h = new EngineHarness();
        var address = Bind(h);

        h.Send(new ClientPacket(DhcpMessageType.Decline, Mac).Requesting(address).ServerId(EngineHarness.Server));
        var next = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));
        var other = h.Send(new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:00:00:02")));

        Assert.Equal(DhcpLeaseState.Declined, h.Store.FindByAddress(address)!.State);
        Assert.NotEqual(address, next.YourAddress);
        Assert.NotEqual(address, other.YourAddress);
    }

    [Fact]
    public void Decline_QuarantineOver_AddressIsUsableAgain()
    {
        using var h = new EngineHarness(o => o.Subnets[0].Pools[0] = "192.0.2.100-192.0.2.100");
        var address = Bind(h);
        h.Send(new ClientPacket(DhcpMessageType.Decline, Mac).Requesting(address).ServerId(EngineHarness.Server));
        Assert.Equal(DhcpIgnoreReason.PoolExhausted, h.Send(new ClientPacket(DhcpMessageType.Discover, Mac)).Result.IgnoreReason);

        h.Now += 601_000;

        Assert.Equal(address, h.Send(new ClientPacket(DhcpMessageType.Discover, Mac)).YourAddress);
    }

    [Fact]
    public void Inform_AcksWithoutLeaseToCiaddr()
    {
        using var h = new EngineHarness();
        var ciaddr = Ipv4Address.Parse("192.0.2.20");

        var reply = h.Send(new ClientPacket(DhcpMessageType.Inform, Mac) { ClientAddress = ciaddr });

        Assert.Equal(DhcpMessageType.Ack, reply.Type);
        Assert.Equal(ciaddr, reply.Result.Destination);
        Assert.True(reply.YourAddress.IsUnspecified);
        Assert.Null(reply.Option(DhcpOptionCode.IpAddressLeaseTime));
        Assert.NotNull(reply.Option(DhcpOptionCode.SubnetMask));
    }

    [Fact]
    public void Expired_LeaseOfAnotherClient_IsReclaimedWhenPoolWraps()
    {
        using var h = new EngineHarness(o => o.Subnets[0].Pools[0] = "192.0.2.100-192.0.2.100");
        var address = Bind(h);
        h.Now += 3_600_001;

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:00:00:03")));

        Assert.Equal(address, reply.YourAddress);
    }
}
