
namespace BareMetal.Dhcp6.Tests;

public class WriterTests
{
    private static readonly Ipv6Address Link = Ipv6Address.Parse("2001:db8:1::1");
    private static readonly Ipv6Address Peer = Ipv6Address.Parse("fe80::5054:ff:fe00:1");

    [Fact]
    public void TryWriteHeader_TransactionId_Low24BitsBigEndian()
    {
        var buffer = new byte[4];
        var writer = new Dhcp6MessageWriter(buffer);

        Assert.True(writer.TryWriteHeader(Dhcp6MessageType.Advertise, 0xFF123456));
        Assert.Equal(Raw.Hex("02123456"), buffer);
    }

    [Fact]
    public void TryWriteHeader_RelayType_Throws()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => new Dhcp6MessageWriter(new byte[4]).TryWriteHeader(Dhcp6MessageType.RelayReply, 1));
        Assert.Equal("messageType", thrown.ParamName);
    }

    [Fact]
    public void RelayReply_WithInterfaceIdAndNestedReply_ParsesBack()
    {
        var buffer = new byte[512];
        var writer = new Dhcp6MessageWriter(buffer);
        Assert.True(writer.TryWriteRelayHeader(Dhcp6MessageType.RelayReply, 2, Link, Peer));
        Assert.True(writer.TryAddOption(Dhcp6OptionCode.InterfaceId, "eth7"u8));
        Assert.True(writer.TryBeginOption(Dhcp6OptionCode.RelayMessage, out var relayed));
        Assert.True(writer.TryWriteHeader(Dhcp6MessageType.Reply, 0xabcdef));
        Assert.True(writer.TryAddDuid(Dhcp6OptionCode.ClientId, Raw.ClientDuid));
        Assert.True(writer.TryBeginIdentityAssociation(Dhcp6OptionCode.IaNa, 7, 100, 160, out var ia));
        Assert.True(writer.TryAddIaAddress(Ipv6Address.Parse("2001:db8:1::100"), 200, 300));
        Assert.True(writer.TryEndOption(ia));
        Assert.True(writer.TryEndOption(relayed));

        var relay = Captures.Parse(buffer[..writer.BytesWritten]);
        Assert.Equal((Dhcp6MessageType.RelayReply, (byte)2, Link, Peer), (relay.MessageType, relay.HopCount, relay.LinkAddress, relay.PeerAddress));
        Assert.True(relay.TryGetInterfaceId(out var interfaceId));
        Assert.Equal("eth7"u8.ToArray(), interfaceId.ToArray());
        Assert.True(relay.TryGetRelayMessage(out var reply));
        Assert.Equal(0xabcdefu, reply.TransactionId);
        foreach (var option in reply.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var association))
            {
                Assert.Equal((7u, 100u, 160u), (association.Iaid, association.T1, association.T2));
                foreach (var inner in association.GetOptions())
                {
                    Assert.True(inner.TryReadIaAddress(out var address));
                    Assert.Equal(Ipv6Address.Parse("2001:db8:1::100"), address.Address);
                }
            }
        }
    }

    [Fact]
    public void TryAddIaAddress_NoRoom_LeavesOpenIaIntactForRollback()
    {
        var buffer = new byte[4 + 16 + 10];
        var writer = new Dhcp6MessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(Dhcp6MessageType.Reply, 1));
        Assert.True(writer.TryBeginIdentityAssociation(Dhcp6OptionCode.IaNa, 1, 0, 0, out var ia));
        var before = writer.BytesWritten;

        Assert.False(writer.TryAddIaAddress(Ipv6Address.Parse("2001:db8::1"), 1, 2));
        Assert.Equal(before, writer.BytesWritten);

        writer.Rollback(ia);
        Assert.Equal(4, writer.BytesWritten);
        Assert.True(writer.TryAddUInt16Option(Dhcp6OptionCode.ElapsedTime, 5));
        Assert.True(Dhcp6MessageReader.TryParse(writer.Written, out _, out _));
    }

    [Fact]
    public void TryEndOption_ValueOver65535_RollsBack()
    {
        var buffer = new byte[70_000];
        var writer = new Dhcp6MessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(Dhcp6MessageType.Reply, 1));
        Assert.True(writer.TryBeginOption(Dhcp6OptionCode.RelayMessage, out var scope));
        Assert.True(writer.TryAddOption((Dhcp6OptionCode)999, new byte[65_000]));
        Assert.True(writer.TryAddOption((Dhcp6OptionCode)999, new byte[1_000]));

        Assert.False(writer.TryEndOption(scope));
        Assert.Equal(4, writer.BytesWritten);
    }

    [Fact]
    public void TryAddDuid_InvalidDuid_WritesNothing()
    {
        var writer = new Dhcp6MessageWriter(new byte[64]);
        Assert.True(writer.TryWriteHeader(Dhcp6MessageType.Solicit, 1));

        Assert.False(writer.TryAddDuid(Dhcp6OptionCode.ClientId, Raw.Hex("0004 0102")));
        Assert.Equal(4, writer.BytesWritten);
    }

    [Fact]
    public void TryAddStatusCode_NonAscii_WritesNothing()
    {
        var writer = new Dhcp6MessageWriter(new byte[64]);
        Assert.True(writer.TryWriteHeader(Dhcp6MessageType.Reply, 1));

        Assert.False(writer.TryAddStatusCode(Dhcp6StatusCode.NoAddrsAvail, "plein à craquer"));
        Assert.True(writer.TryAddStatusCode(Dhcp6StatusCode.NoAddrsAvail, "pool exhausted"));
        var reply = Captures.Parse(writer.Written.ToArray());
        Assert.True(reply.TryGetStatusCode(out var status, out var message));
        Assert.Equal(Dhcp6StatusCode.NoAddrsAvail, status);
        Assert.Equal("pool exhausted"u8.ToArray(), message.ToArray());
    }

    [Fact]
    public void TryAddClientLinkLayerAddress_ReadsBackAsMac()
    {
        var mac = MacAddress.Parse("52:54:00:aa:bb:cc");
        var writer = new Dhcp6MessageWriter(new byte[128]);
        Assert.True(writer.TryWriteRelayHeader(Dhcp6MessageType.RelayForward, 0, Link, Peer));
        Assert.True(writer.TryAddClientLinkLayerAddress(mac));
        Assert.True(writer.TryBeginOption(Dhcp6OptionCode.RelayMessage, out var scope));
        Assert.True(writer.TryWriteHeader(Dhcp6MessageType.Solicit, 9));
        Assert.True(writer.TryEndOption(scope));

        var relay = Captures.Parse(writer.Written.ToArray());
        Assert.True(relay.TryGetClientLinkLayerMacAddress(out var read));
        Assert.Equal(mac, read);
        Assert.Equal(mac, Dhcp6BootClassifier.Classify(relay).MacAddress);
    }
}
