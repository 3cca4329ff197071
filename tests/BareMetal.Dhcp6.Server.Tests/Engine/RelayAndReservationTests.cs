using BareMetal.Dhcp6.Server.Configuration;
using BareMetal.Dhcp6.Server.Tests.Support;
using static BareMetal.Dhcp6.Server.Tests.Support.EngineHarness;

namespace BareMetal.Dhcp6.Server.Tests.Engine;

/// <summary>Relayed requests (RFC 8415 §19.3) and reservations by DUID or by MAC (RFC 6939, DUID-LL/LLT).</summary>
public class RelayAndReservationTests
{
    [Fact]
    public void RelayForward_CapturedPerfdhcp_RelayReplyBackToRelayWithAddressFromRelayedLink()
    {
        var harness = new EngineHarness();
        var forward = CapturedFrame("dhcp6-perfdhcp-relay-kea.pcap", 1);

        var (result, bytes) = harness.Send(forward, RelayAddress, 547, iface: null);

        Assert.Equal((RelayAddress, 547, 1), (result.Destination, result.DestinationPort, result.RelayCount));
        Assert.Equal(Dhcp6MessageType.Advertise, result.ReplyType);
        var relayReply = Parse(bytes);
        var relayForward = Parse(forward);
        Assert.Equal(Dhcp6MessageType.RelayReply, relayReply.MessageType);
        Assert.Equal((relayForward.HopCount, relayForward.LinkAddress, relayForward.PeerAddress), (relayReply.HopCount, relayReply.LinkAddress, relayReply.PeerAddress));
        Assert.True(relayReply.TryGetRelayMessage(out var advertise));
        Assert.Equal(Ipv6Address.Parse("2001:db8:24:2::100"), FirstIaNa(advertise).Address);
    }

    [Fact]
    public void TwoRelays_InterfaceIdsEchoedAtEachLevel_ReservationByRelayedMac()
    {
        var harness = new EngineHarness(o => o.Reservations.Add(new Dhcp6ReservationOptions { MacAddress = "52:54:00:aa:bb:cc", Address = "2001:db8:24:2::42" }));
        // A DUID-UUID client: only the relay next to it (RFC 6939) tells the server its MAC.
        var solicit = new ClientMessage(Dhcp6MessageType.Solicit, 7).ClientId(ClientMessage.DuidUuid(Guid.NewGuid())).IaNa(3).Build();
        var inner = ClientMessage.RelayForward(solicit, "2001:db8:24:2::1", "fe80::5054:ff:feaa:bbcc", "port-7", "52:54:00:aa:bb:cc");
        var outer = ClientMessage.RelayForward(inner, "::", "2001:db8:24:2::1", "uplink-1", hops: 1);

        var (result, bytes) = harness.Send(outer, Ipv6Address.Parse("2001:db8:ffff::1"), 547, iface: null);

        Assert.Equal(2, result.RelayCount);
        var reply = Parse(bytes);
        Assert.True(reply.TryGetInterfaceId(out var outerId));
        Assert.Equal("uplink-1"u8.ToArray(), outerId.ToArray());
        Assert.Equal(1, reply.HopCount);
        Assert.True(reply.TryGetRelayMessage(out var innerReply));
        Assert.True(innerReply.TryGetInterfaceId(out var innerId));
        Assert.Equal("port-7"u8.ToArray(), innerId.ToArray());
        Assert.Equal(Ipv6Address.Parse("fe80::5054:ff:feaa:bbcc"), innerReply.PeerAddress);
        Assert.True(innerReply.TryGetRelayMessage(out var advertise));
        Assert.Equal(7u, advertise.TransactionId);
        Assert.Equal(Ipv6Address.Parse("2001:db8:24:2::42"), FirstIaNa(advertise).Address);
    }

    [Fact]
    public void RelayForward_LinkAddressInNoSubnet_NoSubnet()
    {
        var solicit = new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidLl("52:54:00:00:00:01")).IaNa(1).Build();
        var forward = ClientMessage.RelayForward(solicit, "2001:db8:99::1", "fe80::1");

        Assert.Equal(BareMetal.Dhcp6.Server.Engine.Dhcp6IgnoreReason.NoSubnet, new EngineHarness().Send(forward, RelayAddress, 547, iface: null).Result.IgnoreReason);
    }

    [Fact]
    public void Solicit_ReservedByDuid_GetsReservedAddressOutsideRange()
    {
        var duid = ClientMessage.DuidLl("52:54:00:24:00:55");
        var harness = new EngineHarness(o => o.Reservations.Add(new Dhcp6ReservationOptions { Duid = Convert.ToHexString(duid), Address = "2001:db8:24::55" }));

        var ia = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(duid).IaNa(1).Build()).Reply));

        Assert.Equal(Ipv6Address.Parse("2001:db8:24::55"), ia.Address);
    }

    [Fact]
    public void Solicit_CapturedEdk2_ReservedByMacInsideItsDuidLlt()
    {
        var harness = new EngineHarness(o => o.Reservations.Add(new Dhcp6ReservationOptions { MacAddress = "52:54:00:24:00:07", Address = "2001:db8:24::7" }));

        var ia = FirstIaNa(Parse(harness.Send(CapturedFrame("dhcp6-uefi-edk2-pxe.pcap", 1)).Reply));

        Assert.Equal(Ipv6Address.Parse("2001:db8:24::7"), ia.Address);
    }

    [Fact]
    public void Solicit_ReservedAddress_NeverGivenToAnotherClient()
    {
        var harness = new EngineHarness(o => o.Reservations.Add(new Dhcp6ReservationOptions { MacAddress = "52:54:00:00:00:99", Address = "2001:db8:24::100" }));

        var ia = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidLl("52:54:00:00:00:01")).IaNa(1, "2001:db8:24::100").Build()).Reply));

        Assert.Equal(Ipv6Address.Parse("2001:db8:24::101"), ia.Address);
    }
}
