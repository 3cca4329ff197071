using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Tests.Support;

namespace BareMetal.Dhcp.Server.Tests.Engine;

public class AllocationTests
{
    [Fact]
    public void Process_RenewAndRepeatedDiscover_AllocateNothing()
    {
        // No observers here: the engine's own work must allocate nothing (observers may, on their own account).
        var options = EngineHarness.DefaultOptions();
        options.MaxPacketsPerClientPerSecond = 1_000_000;
        using var store = new InMemoryLeaseStore();
        using var engine = new DhcpServerEngine(options, store);
        var now = 1_800_000_000_000L;
        var reply = new byte[1500];
        var mac = MacAddress.Parse("52:54:00:12:34:56");
        var first = new DhcpPacketContext(0, default, 68, false, now);
        engine.Process(new ClientPacket(DhcpMessageType.Discover, mac).Build(), first, reply);
        var offered = Ipv4Address.Read(reply.AsSpan(16));
        engine.Process(new ClientPacket(DhcpMessageType.Request, mac).Requesting(offered).ServerId(EngineHarness.Server).Build(), first, reply);
        var renew = new ClientPacket(DhcpMessageType.Request, mac) { ClientAddress = offered }.Build();
        var discover = new ClientPacket(DhcpMessageType.Discover, mac).Build();
        var context = new DhcpPacketContext(0, offered, 68, false, now);
        for (var i = 0; i < 100; i++)
        {
            engine.Process(renew, context, reply);
            engine.Process(discover, context, reply);
        }

        var acks = 0;
        var offers = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            acks += engine.Process(renew, context, reply).ReplyType == DhcpMessageType.Ack ? 1 : 0;
            offers += engine.Process(discover, context, reply).ReplyType == DhcpMessageType.Offer ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1_000, acks);
        Assert.Equal(1_000, offers);
        Assert.Equal(0, allocated);
    }
}
