using BareMetal.Dhcp.Server.Access;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Observability;
using BareMetal.Dhcp.Server.Tests.Support;

namespace BareMetal.Dhcp.Server.Tests.Engine;

/// <summary>
/// Addresses reserved by the host's reservation source (its inventory) are never given to another client: pools skip
/// them, and a client that got one before the reservation existed is moved away at its next renewal.
/// </summary>
public class ReservationTests
{
    private static readonly MacAddress Owner = MacAddress.Parse("52:54:00:00:0a:01");
    private static readonly MacAddress Other = MacAddress.Parse("52:54:00:00:0b:02");
    private static readonly Ipv4Address Reserved = Ipv4Address.Parse("192.0.2.100");

    [Fact]
    public void Discover_OtherClient_PoolSkipsTheReservedAddress()
    {
        var inventory = new Inventory { Active = true };
        using var h = new EngineHarness(reservations: inventory);

        var offered = h.Send(new ClientPacket(DhcpMessageType.Discover, Other)).YourAddress;

        Assert.NotEqual(Reserved, offered);
        Assert.Equal(Ipv4Address.Parse("192.0.2.101"), offered);
    }

    [Fact]
    public void Discover_OtherClientAsksForTheReservedAddress_OfferedAnotherOne()
    {
        using var h = new EngineHarness(reservations: new Inventory { Active = true });

        var offered = h.Send(new ClientPacket(DhcpMessageType.Discover, Other).Requesting(Reserved)).YourAddress;

        Assert.NotEqual(Reserved, offered);
        Assert.False(offered.IsUnspecified);
    }

    [Fact]
    public void Request_OtherClientInitRebootOnTheReservedAddress_Nak()
    {
        using var h = new EngineHarness(reservations: new Inventory { Active = true });

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Other).Requesting(Reserved));

        Assert.Equal(DhcpMessageType.Nak, reply.Type);
        Assert.Null(h.Store.FindByAddress(Reserved));
    }

    [Fact]
    public void Discover_PoolFullButForTheReservedAddress_NotOffered()
    {
        using var h = new EngineHarness(reservations: new Inventory { Active = true });
        for (var i = 0; i < 9; i++)
        {
            // .101-.109: every pool address but the reserved one.
            Assert.Equal(DhcpMessageType.Ack, Bind(h, MacAddress.Parse($"52:54:00:00:0c:{i:x2}")).Type);
        }

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Other));

        Assert.Equal(DhcpIgnoreReason.PoolExhausted, reply.Result.IgnoreReason);
    }

    [Fact]
    public void Owner_ReservedAddressHeldByAnother_IsLentAPoolAddressAndTheConflictIsReported()
    {
        var inventory = new Inventory();
        using var h = new EngineHarness(reservations: inventory);
        var conflicts = new ConflictObserver();
        using var engine = new DhcpServerEngine(h.Options, h.Store, null, [conflicts], inventory);
        // The other client bound .100 before the reservation was written.
        Assert.Equal(Reserved, Bind(h, Other).YourAddress);
        inventory.Active = true;

        var offer = Send(engine, h, new ClientPacket(DhcpMessageType.Discover, Owner));

        Assert.Equal(DhcpMessageType.Offer, offer.Type);
        Assert.NotEqual(Reserved, offer.YourAddress);
        var conflict = Assert.Single(conflicts.Conflicts);
        Assert.Equal(Reserved, conflict.Address);
        Assert.Equal(Owner, conflict.Owner);
        Assert.Equal(Other, conflict.Holder);
        // Still one client per address.
        Assert.Equal(Other, h.Store.FindByAddress(Reserved)!.MacAddress);
    }

    [Fact]
    public void Owner_AsksForItsReservedAddressWhileAnotherHoldsIt_Nak()
    {
        var inventory = new Inventory();
        using var h = new EngineHarness(reservations: inventory);
        Bind(h, Other);
        inventory.Active = true;

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Owner).Requesting(Reserved));

        Assert.Equal(DhcpMessageType.Nak, reply.Type);
        Assert.Equal(Other, h.Store.FindByAddress(Reserved)!.MacAddress);
    }

    [Fact]
    public void Conflict_HolderRenews_IsRefusedThenOwnerMovesToItsReservation()
    {
        var inventory = new Inventory();
        using var h = new EngineHarness(reservations: inventory);
        Bind(h, Other);
        inventory.Active = true;
        var lent = Bind(h, Owner).YourAddress;
        Assert.NotEqual(Reserved, lent);

        // While the holder still holds it, the owner keeps the address it was lent.
        h.Now += 1_800_000;
        Assert.Equal(DhcpMessageType.Ack, Renew(h, Owner, lent).Type);

        // The holder's renewal (RFC 2131 §4.3.2 RENEWING, ciaddr set) is refused: the address is reserved for another.
        Assert.Equal(DhcpMessageType.Nak, Renew(h, Other, Reserved).Type);
        Assert.Null(h.Store.FindByAddress(Reserved));

        // The owner's next renewal of the lent address is refused, and its new DISCOVER gets the reservation.
        Assert.Equal(DhcpMessageType.Nak, Renew(h, Owner, lent).Type);
        var moved = Bind(h, Owner);
        Assert.Equal(DhcpMessageType.Ack, moved.Type);
        Assert.Equal(Reserved, moved.YourAddress);

        // The holder moves to another address.
        var holderMoved = Bind(h, Other);
        Assert.Equal(DhcpMessageType.Ack, holderMoved.Type);
        Assert.NotEqual(Reserved, holderMoved.YourAddress);
    }

    [Fact]
    public void Discover_KnownMachineWithoutFixedAddress_GetsAPoolAddressAndItsHostName()
    {
        using var h = new EngineHarness(reservations: new PoolMachine());

        var offer = h.Send(new ClientPacket(DhcpMessageType.Discover, Other));

        Assert.Equal(Ipv4Address.Parse("192.0.2.100"), offer.YourAddress);
        Assert.Equal("pool-node", offer.OptionText(DhcpOptionCode.HostName));
    }

    private static EngineHarness.Reply Bind(EngineHarness h, MacAddress mac)
    {
        var offered = h.Send(new ClientPacket(DhcpMessageType.Discover, mac)).YourAddress;
        return h.Send(new ClientPacket(DhcpMessageType.Request, mac).Requesting(offered).ServerId(EngineHarness.Server));
    }

    private static EngineHarness.Reply Renew(EngineHarness h, MacAddress mac, Ipv4Address address) =>
        h.Send(new ClientPacket(DhcpMessageType.Request, mac) { ClientAddress = address }, source: address);

    private static EngineHarness.Reply Send(DhcpServerEngine engine, EngineHarness h, ClientPacket packet)
    {
        var reply = new byte[1500];
        var result = engine.Process(packet.Build(), new DhcpPacketContext(0, default, 68, false, h.Now), reply);
        return new EngineHarness.Reply(result, reply[..result.ReplyLength]);
    }

    /// <summary>A host inventory that reserves .100 for <see cref="Owner"/> once <see cref="Active"/> is set.</summary>
    private sealed class Inventory : IDhcpReservationSource
    {
        public bool Active { get; set; }

        public bool TryGetReservation(MacAddress macAddress, out Ipv4Address address, out string? hostName)
        {
            address = Reserved;
            hostName = null;
            return Active && macAddress == Owner;
        }

        public bool IsReservedAddress(Ipv4Address address) => Active && address == Reserved;
    }

    /// <summary>A host inventory that knows <see cref="Other"/> by name but gives it no fixed address.</summary>
    private sealed class PoolMachine : IDhcpReservationSource
    {
        public bool TryGetReservation(MacAddress macAddress, out Ipv4Address address, out string? hostName)
        {
            address = default;
            hostName = "pool-node";
            return macAddress == Other;
        }

        public bool IsReservedAddress(Ipv4Address address) => false;
    }

    private sealed class ConflictObserver : IDhcpServerObserver
    {
        public List<DhcpReservationConflict> Conflicts { get; } = [];

        public void OnReservationConflict(in DhcpReservationConflict conflict) => Conflicts.Add(conflict);
    }
}
