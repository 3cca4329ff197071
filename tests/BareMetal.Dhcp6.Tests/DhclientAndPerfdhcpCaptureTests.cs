
namespace BareMetal.Dhcp6.Tests;

/// <summary>Golden tests on ISC dhclient -6 (IA_NA and IA_PD) and perfdhcp -6 (direct and relayed) against Kea 2.2.</summary>
public class DhclientAndPerfdhcpCaptureTests
{
    [Fact]
    public void Solicit_Dhclient_AsksForAddressAndPrefix()
    {
        var solicit = Captures.Parse(Captures.Frame(Captures.Dhclient, 1));

        Assert.Equal(Dhcp6MessageType.Solicit, solicit.MessageType);
        var kinds = new List<Dhcp6OptionCode>();
        foreach (var option in solicit.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia))
            {
                kinds.Add(ia.Kind);
            }
        }

        Assert.Equal([Dhcp6OptionCode.IaNa, Dhcp6OptionCode.IaPd], kinds);
        Assert.True(solicit.TryGetClientId(out var duid));
        Assert.True(duid.TryGetMacAddress(out var mac));
        Assert.Equal(MacAddress.Parse("52:54:00:24:00:0c"), mac);
        Assert.Equal(Dhcp6NotBootReason.NoVendorClass, Dhcp6BootClassifier.Classify(solicit).NotBootReason);
    }

    [Fact]
    public void Reply_Kea_DelegatesA64FromThe56Pool()
    {
        var reply = Captures.Parse(Captures.Frame(Captures.Dhclient, 4));

        var prefixes = 0;
        foreach (var option in reply.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia) && ia.Kind == Dhcp6OptionCode.IaPd)
            {
                foreach (var inner in ia.GetOptions())
                {
                    Assert.True(inner.TryReadIaPrefix(out var prefix));
                    Assert.Equal(64, prefix.PrefixLength);
                    Assert.Equal(0x20010db800240100UL, prefix.Prefix.High & 0xFFFFFFFFFFFFFF00UL);
                    Assert.Equal(0UL, prefix.Prefix.Low);
                    prefixes++;
                }
            }
        }

        Assert.Equal(1, prefixes);
    }

    [Fact]
    public void Release_Dhclient_IsNotABootRequest()
    {
        var release = Captures.Parse(Captures.Frame(Captures.Dhclient, 5));

        Assert.Equal(Dhcp6MessageType.Release, release.MessageType);
        Assert.Equal(Dhcp6NotBootReason.NotAConfigurationRequest, Dhcp6BootClassifier.Classify(release).NotBootReason);
    }

    [Fact]
    public void Solicit_Perfdhcp_DuidLl()
    {
        var solicit = Captures.Parse(Captures.Frame(Captures.Perfdhcp, 1));

        Assert.True(solicit.TryGetClientId(out var duid));
        Assert.Equal(Dhcp6DuidType.LinkLayer, duid.Type);
        Assert.True(duid.TryGetMacAddress(out var mac));
        Assert.Equal(MacAddress.Parse("00:0c:01:02:03:04"), mac);
    }

    [Fact]
    public void RelayForward_Perfdhcp_WrapsSolicit()
    {
        var relay = Captures.Parse(Captures.Frame(Captures.PerfdhcpRelayed, 1));

        Assert.Equal(Dhcp6MessageType.RelayForward, relay.MessageType);
        Assert.True(relay.IsRelay);
        Assert.Equal(0u, relay.TransactionId);
        Assert.Equal(Ipv6Address.Parse("2001:db8:24:2::1"), relay.LinkAddress);
        Assert.True(relay.TryGetRelayMessage(out var inner));
        Assert.Equal(Dhcp6MessageType.Solicit, inner.MessageType);
        var innermost = relay.GetInnermostMessage(out var relays);
        Assert.Equal(1, relays);
        Assert.Equal(inner.Packet.Length, innermost.Packet.Length);
        Assert.Equal(1, Dhcp6BootClassifier.Classify(relay).RelayCount);
    }

    [Fact]
    public void RelayReply_Kea_WrapsAdvertiseWithSameAddresses()
    {
        var forward = Captures.Parse(Captures.Frame(Captures.PerfdhcpRelayed, 1));
        var reply = Captures.Parse(Captures.Frame(Captures.PerfdhcpRelayed, 2));

        Assert.Equal(Dhcp6MessageType.RelayReply, reply.MessageType);
        Assert.Equal(forward.HopCount, reply.HopCount);
        Assert.Equal(forward.LinkAddress, reply.LinkAddress);
        Assert.Equal(forward.PeerAddress, reply.PeerAddress);
        Assert.True(reply.TryGetRelayMessage(out var advertise));
        Assert.Equal(Dhcp6MessageType.Advertise, advertise.MessageType);
        Assert.Equal(Dhcp6NotBootReason.NotAClientMessage, Dhcp6BootClassifier.Classify(reply).NotBootReason);
    }
}
