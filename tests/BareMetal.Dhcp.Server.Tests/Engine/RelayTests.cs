using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Tests.Support;

namespace BareMetal.Dhcp.Server.Tests.Engine;

public class RelayTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("52:54:00:12:34:56");
    private static readonly Ipv4Address Relay = Ipv4Address.Parse("198.18.1.1");

    private static void AddRemoteSubnets(DhcpServerOptions options)
    {
        var remote = new DhcpSubnetOptions { Network = "198.18.1.0/24", Router = "198.18.1.1" };
        remote.Pools.Add("198.18.1.50-198.18.1.59");
        options.Subnets.Add(remote);
        var other = new DhcpSubnetOptions { Network = "198.18.2.0/24" };
        other.Pools.Add("198.18.2.50-198.18.2.59");
        options.Subnets.Add(other);
    }

    [Fact]
    public void Discover_Relayed_OffersFromGiaddrSubnetAndRepliesToRelayPort67()
    {
        using var h = new EngineHarness(AddRemoteSubnets);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac) { GatewayAddress = Relay });

        Assert.Equal(Ipv4Address.Parse("198.18.1.50"), reply.YourAddress);
        Assert.Equal(Relay, reply.Result.Destination);
        Assert.Equal(67, reply.Result.DestinationPort);
        Assert.True(reply.Parse(out var r) && r.GatewayAddress == Relay);
        Assert.Equal(new byte[] { 198, 18, 1, 1 }, reply.Option(DhcpOptionCode.Router));
    }

    [Fact]
    public void Discover_Option82_IsEchoedLast()
    {
        using var h = new EngineHarness(AddRemoteSubnets);
        var agent = new byte[] { 1, 4, (byte)'p', (byte)'o', (byte)'r', (byte)'t', 2, 2, 0xAB, 0xCD };

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac) { GatewayAddress = Relay }.With(DhcpOptionCode.RelayAgentInformation, agent));

        Assert.Equal(agent, reply.Option(DhcpOptionCode.RelayAgentInformation));
        Assert.True(reply.Parse(out var r));
        DhcpOptionCode last = default;
        foreach (var option in r.GetOptions())
        {
            last = option.Code;
        }

        Assert.Equal(DhcpOptionCode.RelayAgentInformation, last);
    }

    [Fact]
    public void Discover_LinkSelectionSubOption_ChoosesThatSubnet()
    {
        using var h = new EngineHarness(AddRemoteSubnets);
        var agent = new byte[] { 5, 4, 198, 18, 2, 0 };

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac) { GatewayAddress = Relay }.With(DhcpOptionCode.RelayAgentInformation, agent));

        Assert.Equal(Ipv4Address.Parse("198.18.2.50"), reply.YourAddress);
    }

    [Fact]
    public void Discover_SubnetSelectionOption118_ChoosesThatSubnet()
    {
        using var h = new EngineHarness(AddRemoteSubnets);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac) { GatewayAddress = Relay }.With(DhcpOptionCode.SubnetSelection, Ipv4Address.Parse("198.18.2.0")));

        Assert.Equal(Ipv4Address.Parse("198.18.2.50"), reply.YourAddress);
    }

    [Fact]
    public void Discover_UnknownRelaySubnet_IgnoredNoSubnet()
    {
        using var h = new EngineHarness();

        var reply = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac) { GatewayAddress = Ipv4Address.Parse("198.18.9.1") });

        Assert.Equal(DhcpIgnoreReason.NoSubnet, reply.Result.IgnoreReason);
    }

    [Fact]
    public void Request_RelayedNak_HasBroadcastBitAndGoesToRelay()
    {
        using var h = new EngineHarness(AddRemoteSubnets);

        var reply = h.Send(new ClientPacket(DhcpMessageType.Request, Mac) { GatewayAddress = Relay }.Requesting(Ipv4Address.Parse("192.0.2.100")));

        Assert.Equal(DhcpMessageType.Nak, reply.Type);
        Assert.Equal(Relay, reply.Result.Destination);
        Assert.True(reply.Parse(out var r) && r.IsBroadcast);
    }
}
