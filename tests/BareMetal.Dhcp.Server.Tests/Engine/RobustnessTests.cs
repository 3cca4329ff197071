using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Tests.Support;
using FsCheck.Xunit;

namespace BareMetal.Dhcp.Server.Tests.Engine;

public class RobustnessTests
{
    [Property(MaxTest = 1000)]
    public bool Process_ArbitraryBytes_NeverThrowsAndRepliesOnlyToParseableRequests(byte[] bytes)
    {
        using var h = new EngineHarness();
        var reply = h.Send(bytes ?? []);
        var parses = DhcpMessageReader.TryParse(bytes ?? [], out _, out _);
        return parses ? reply.Result.IgnoreReason != DhcpIgnoreReason.Malformed : reply.Result.IgnoreReason == DhcpIgnoreReason.Malformed;
    }

    [Property(MaxTest = 500)]
    public bool Process_MutatedValidDiscover_NeverThrows(int seed)
    {
        using var h = new EngineHarness();
        var packet = new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:12:34:56"))
            .With(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003000")
            .With(DhcpOptionCode.ClientSystemArchitecture, [0, 7])
            .With(DhcpOptionCode.RelayAgentInformation, [1, 2, 3, 4, 5, 4, 198, 18, 1, 0]).Build();
        var random = new Random(seed);
        for (var i = 0; i < 8; i++)
        {
            packet[random.Next(packet.Length)] = (byte)random.Next(256);
        }

        _ = h.Send(packet);
        return true;
    }

    [Fact]
    public void GarbageFlood_ValidClientsStillAnswered()
    {
        using var h = new EngineHarness();
        var random = new Random(42);
        var answered = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var garbage = new byte[random.Next(0, 600)];
            random.NextBytes(garbage);
            Assert.False(h.Send(garbage).Result.HasReply);
            if (i % 500 == 0 && h.Send(new ClientPacket(DhcpMessageType.Discover, new MacAddress(0x525400000100UL + (ulong)i))).Type == DhcpMessageType.Offer)
            {
                answered++;
            }
        }

        Assert.Equal(10, answered);
    }

    [Fact]
    public void Process_Truncated_MalformedReason()
    {
        using var h = new EngineHarness();
        var packet = new ClientPacket(DhcpMessageType.Discover, MacAddress.Parse("52:54:00:12:34:56")).Build();

        var reply = h.Send(packet[..100]);

        Assert.Equal(DhcpIgnoreReason.Malformed, reply.Result.IgnoreReason);
    }

    [Fact]
    public void Process_BootReply_IgnoredNotARequest()
    {
        using var h = new EngineHarness();
        var packet = new ClientPacket(DhcpMessageType.Offer, MacAddress.Parse("52:54:00:12:34:56")).Build();
        packet[0] = 2;

        Assert.Equal(DhcpIgnoreReason.NotARequest, h.Send(packet).Result.IgnoreReason);
    }
}
