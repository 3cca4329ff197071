using BareMetal.Dhcp.Server.Access;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Tests.Support;

namespace BareMetal.Dhcp.Server.Tests.Engine;

public class AccessControlTests
{
    private static readonly MacAddress Unknown = MacAddress.Parse("52:54:00:de:ad:01");

    private static ClientPacket PxeDiscover(MacAddress mac) =>
        new ClientPacket(DhcpMessageType.Discover, mac)
            .With(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003000")
            .With(DhcpOptionCode.ClientSystemArchitecture, [0, 7]);

    [Fact]
    public void KnownClientsOnly_UnknownMac_IgnoredWithDiscoveredEvent()
    {
        using var h = new EngineHarness(o => o.KnownClientsOnly = true);

        var reply = h.Send(PxeDiscover(Unknown).With(DhcpOptionCode.RelayAgentInformation, [1, 1, 9]));

        Assert.Equal(DhcpIgnoreReason.UnknownClient, reply.Result.IgnoreReason);
        var seen = Assert.Single(h.Observer.Discovered);
        Assert.Equal(Unknown, seen.MacAddress);
        Assert.Equal(ClientArchitecture.X64Uefi, seen.Architecture);
        Assert.Equal("PXEClient:Arch:00007:UNDI:003000", seen.VendorClass);
        Assert.False(seen.Answered);
        Assert.Equal(seen.FirstSeen, seen.LastSeen);
    }

    [Fact]
    public void KnownClientsOnly_RepeatedWithinInterval_OneEventThenAnotherWithSameFirstSeen()
    {
        using var h = new EngineHarness(o => o.KnownClientsOnly = true);
        var first = h.Now;

        h.Send(PxeDiscover(Unknown));
        h.Now += 1_000;
        h.Send(PxeDiscover(Unknown));
        h.Now += 30_000;
        h.Send(PxeDiscover(Unknown));

        Assert.Equal(2, h.Observer.Discovered.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(first), h.Observer.Discovered[1].FirstSeen);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(h.Now), h.Observer.Discovered[1].LastSeen);
    }

    [Fact]
    public void KnownClientsOnly_KnownMac_IsAnswered()
    {
        using var h = new EngineHarness(o =>
        {
            o.KnownClientsOnly = true;
            o.KnownMacs.Add("52:54:00:de:ad:01");
        });

        Assert.Equal(DhcpMessageType.Offer, h.Send(PxeDiscover(Unknown)).Type);
        Assert.Empty(h.Observer.Discovered);
    }

    [Fact]
    public void KnownClientsOnly_ReservationSourceKnowsMac_AnsweredWithItsAddress()
    {
        using var h = new EngineHarness(o => o.KnownClientsOnly = true, reservations: new Inventory());

        var reply = h.Send(PxeDiscover(Unknown));

        Assert.Equal(Ipv4Address.Parse("192.0.2.77"), reply.YourAddress);
        Assert.Equal("from-inventory", reply.OptionText(DhcpOptionCode.HostName));
    }

    [Fact]
    public void OpenMode_UnknownPxeClient_AnsweredAndDiscovered()
    {
        using var h = new EngineHarness();

        Assert.Equal(DhcpMessageType.Offer, h.Send(PxeDiscover(Unknown)).Type);
        Assert.True(Assert.Single(h.Observer.Discovered).Answered);
    }

    [Fact]
    public void RateLimit_FloodFromOneMac_DroppedWhileOthersAreServed()
    {
        using var h = new EngineHarness(o => o.MaxPacketsPerClientPerSecond = 5);
        var answered = 0;
        for (var i = 0; i < 50; i++)
        {
            if (h.Send(new ClientPacket(DhcpMessageType.Discover, Unknown)).Result.HasReply)
            {
                answered++;
            }
        }

        var other = h.Send(new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:00:00:09")));

        Assert.Equal(10, answered);
        Assert.Equal(DhcpMessageType.Offer, other.Type);
        Assert.Contains(DhcpIgnoreReason.RateLimited, h.Observer.Ignored);
        h.Now += 1_000;
        Assert.True(h.Send(new ClientPacket(DhcpMessageType.Discover, Unknown)).Result.HasReply);
    }

    private sealed class Inventory : IDhcpReservationSource
    {
        public bool TryGetReservation(MacAddress macAddress, out Ipv4Address address, out string? hostName)
        {
            address = Ipv4Address.Parse("192.0.2.77");
            hostName = "from-inventory";
            return macAddress == Unknown;
        }

        public bool IsReservedAddress(Ipv4Address address) => address == Ipv4Address.Parse("192.0.2.77");
    }
}
