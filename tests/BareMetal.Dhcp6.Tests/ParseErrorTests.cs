namespace BareMetal.Dhcp6.Tests;

/// <summary>Each way a message can be wrong, with the exact error and offending option.</summary>
public class ParseErrorTests
{
    private static void AssertRejected(byte[] packet, Dhcp6ParseError expected, Dhcp6OptionCode offender = 0)
    {
        Assert.False(Dhcp6MessageReader.TryParse(packet, out var reader, out var error, out var option));
        Assert.Equal(expected, error);
        Assert.Equal(offender, option);
        Assert.True(reader.Packet.IsEmpty); // a failure hands out nothing
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("011234")]
    public void TryParse_ShorterThanHeader_Truncated(string hex) => AssertRejected(Raw.Hex(hex), Dhcp6ParseError.Truncated);

    [Fact]
    public void TryParse_RelayShorterThan34_Truncated() => AssertRejected(Raw.Hex("0c00" + new string('0', 62)), Dhcp6ParseError.Truncated);

    [Fact]
    public void TryParse_TypeZero_InvalidMessageType() => AssertRejected(Raw.Hex("00123456"), Dhcp6ParseError.InvalidMessageType);

    [Theory]
    [InlineData("0112345600")] // 1 byte of option header
    [InlineData("011234560008")] // code, no length
    [InlineData("01123456000800020000" + "0008000300")] // second option's value runs past the end
    public void TryParse_OptionPastEnd_OptionOverrunsBuffer(string hex) =>
        AssertRejected(Raw.Hex(hex), Dhcp6ParseError.OptionOverrunsBuffer, Raw.Hex(hex).Length > 8 ? Dhcp6OptionCode.ElapsedTime : 0);

    [Theory]
    [InlineData(Dhcp6OptionCode.ElapsedTime, "00")] // RFC 8415 §21.9: 2 bytes
    [InlineData(Dhcp6OptionCode.Preference, "0102")] // §21.8: 1 byte
    [InlineData(Dhcp6OptionCode.RapidCommit, "00")] // §21.14: empty
    [InlineData(Dhcp6OptionCode.ReconfigureAccept, "01")] // §21.20: empty
    [InlineData(Dhcp6OptionCode.OptionRequest, "001700")] // §21.7: 2-byte codes
    [InlineData(Dhcp6OptionCode.StatusCode, "00")] // §21.13: at least the code
    [InlineData(Dhcp6OptionCode.IaNa, "0000000100000000")] // §21.4: 12 bytes
    [InlineData(Dhcp6OptionCode.IaTa, "000001")] // §21.5: 4 bytes
    [InlineData(Dhcp6OptionCode.DnsServers, "20010db8")] // RFC 3646 §3: whole addresses
    [InlineData(Dhcp6OptionCode.ClientArchitectureType, "00")] // RFC 5970 §3.3
    [InlineData(Dhcp6OptionCode.ClientArchitectureType, "")]
    [InlineData(Dhcp6OptionCode.NetworkInterfaceId, "0103")] // RFC 5970 §3.4: 3 bytes
    [InlineData(Dhcp6OptionCode.VendorClass, "000001")] // §21.16: enterprise number first
    [InlineData(Dhcp6OptionCode.ClientLinkLayerAddress, "0001")] // RFC 6939 §4
    public void TryParse_WrongLength_InvalidOptionLength(Dhcp6OptionCode code, string value) =>
        AssertRejected(Raw.Message(Dhcp6MessageType.Solicit, Raw.Opt(code, Raw.Hex(value))), Dhcp6ParseError.InvalidOptionLength, code);

    [Theory]
    [InlineData(Dhcp6OptionCode.UserClass, "0005495058")] // item length 5, 3 bytes left
    [InlineData(Dhcp6OptionCode.VendorClass, "00000157" + "00")] // half an item length
    [InlineData(Dhcp6OptionCode.BootFileParameters, "000141" + "00")]
    [InlineData(Dhcp6OptionCode.DomainSearchList, "036c6162")] // no root label
    [InlineData(Dhcp6OptionCode.DomainSearchList, "c00c")] // a compression pointer (RFC 8415 §10 forbids them)
    public void TryParse_BadInnerLayout_MalformedOptionValue(Dhcp6OptionCode code, string value) =>
        AssertRejected(Raw.Message(Dhcp6MessageType.Solicit, Raw.Opt(code, Raw.Hex(value))), Dhcp6ParseError.MalformedOptionValue, code);

    [Fact]
    public void TryParse_PrefixLengthOver128_MalformedOptionValue()
    {
        var prefix = Raw.Opt(Dhcp6OptionCode.IaPrefix, [0, 0, 0, 1, 0, 0, 0, 2, 129, .. new byte[16]]);
        var pd = Raw.Opt(Dhcp6OptionCode.IaPd, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, .. prefix]);
        AssertRejected(Raw.Message(Dhcp6MessageType.Solicit, pd), Dhcp6ParseError.MalformedOptionValue, Dhcp6OptionCode.IaPrefix);
    }

    [Fact]
    public void TryParse_IaAddressInsideIaNaOverruns_NamesInnerOption()
    {
        var address = Raw.Opt(Dhcp6OptionCode.IaAddress, new byte[23]);
        var ia = Raw.Opt(Dhcp6OptionCode.IaNa, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, .. address]);
        AssertRejected(Raw.Message(Dhcp6MessageType.Request, ia), Dhcp6ParseError.InvalidOptionLength, Dhcp6OptionCode.IaAddress);
    }

    [Theory]
    [InlineData("0001")] // type only (RFC 8415 §11.1: 1-128 bytes of identifier)
    [InlineData("00040102030405060708090a0b0c0d0e0f")] // DUID-UUID of 15 bytes (RFC 6355 §4: 16)
    [InlineData("00030001")] // DUID-LL without an address
    [InlineData("0002000001")] // DUID-EN without an identifier
    public void TryParse_BadDuid_InvalidDuid(string duid) =>
        AssertRejected(Raw.Message(Dhcp6MessageType.Solicit, Raw.Opt(Dhcp6OptionCode.ClientId, Raw.Hex(duid))), Dhcp6ParseError.InvalidDuid, Dhcp6OptionCode.ClientId);

    [Fact]
    public void TryParse_DuidOf131Bytes_InvalidDuid() =>
        AssertRejected(Raw.Message(Dhcp6MessageType.Solicit, Raw.Opt(Dhcp6OptionCode.ServerId, [0, 2, .. new byte[129]])), Dhcp6ParseError.InvalidDuid, Dhcp6OptionCode.ServerId);

    [Theory]
    [InlineData(Dhcp6OptionCode.ClientId)]
    [InlineData(Dhcp6OptionCode.ElapsedTime)]
    [InlineData(Dhcp6OptionCode.ClientLinkLayerAddress)]
    public void TryParse_SingletonTwice_DuplicateOption(Dhcp6OptionCode code)
    {
        var option = code switch
        {
            Dhcp6OptionCode.ClientId => Raw.Opt(code, Raw.ClientDuid),
            Dhcp6OptionCode.ElapsedTime => Raw.Opt(code, 0, 0),
            _ => Raw.Opt(code, 0, 1, 1, 2, 3, 4, 5, 6),
        };
        AssertRejected(Raw.Message(Dhcp6MessageType.Solicit, option, option), Dhcp6ParseError.DuplicateOption, code);
    }

    [Fact]
    public void TryParse_TwoIaNa_Accepted()
    {
        // RFC 8415 §21.4: a client may send several IA_NAs (distinct IAIDs); only options a server answers once are singletons.
        var ia1 = Raw.Opt(Dhcp6OptionCode.IaNa, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        var ia2 = Raw.Opt(Dhcp6OptionCode.IaNa, [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.True(Dhcp6MessageReader.TryParse(Raw.Message(Dhcp6MessageType.Solicit, ia1, ia2), out _, out _));
    }

    [Fact]
    public void TryParse_RelayWithoutRelayMessage_MissingRelayMessage() =>
        AssertRejected(Raw.Relay(Dhcp6MessageType.RelayForward, 0, Raw.Opt(Dhcp6OptionCode.InterfaceId, 1)), Dhcp6ParseError.MissingRelayMessage, Dhcp6OptionCode.RelayMessage);

    [Fact]
    public void TryParse_RelayedMessageMalformed_ReportsInnerError()
    {
        var inner = Raw.Message(Dhcp6MessageType.Solicit, Raw.Opt(Dhcp6OptionCode.ElapsedTime, 1));
        AssertRejected(Raw.Relay(Dhcp6MessageType.RelayForward, 0, Raw.Opt(Dhcp6OptionCode.RelayMessage, inner)), Dhcp6ParseError.InvalidOptionLength, Dhcp6OptionCode.ElapsedTime);
    }

    [Fact]
    public void TryParse_EightRelays_Accepted_NineRejected()
    {
        // RFC 8415 §7.6: HOP_COUNT_LIMIT is 8, so at most 8 relay messages wrap a client's.
        static byte[] Wrap(int relays)
        {
            var message = Raw.Message(Dhcp6MessageType.Solicit, Raw.Opt(Dhcp6OptionCode.ClientId, Raw.ClientDuid));
            for (var i = 0; i < relays; i++)
            {
                message = Raw.Relay(Dhcp6MessageType.RelayForward, (byte)i, Raw.Opt(Dhcp6OptionCode.RelayMessage, message));
            }

            return message;
        }

        Assert.True(Dhcp6MessageReader.TryParse(Wrap(8), out var reader, out _));
        Assert.Equal(Dhcp6MessageType.Solicit, reader.GetInnermostMessage(out var depth).MessageType);
        Assert.Equal(8, depth);
        AssertRejected(Wrap(9), Dhcp6ParseError.RelayNestingTooDeep, Dhcp6OptionCode.RelayMessage);
    }

    [Fact]
    public void TryParse_RelayMessageNestedInClientMessages_DepthBounded()
    {
        // Option 9 inside client messages, nested 20 deep: bounded like relays, never a deep recursion.
        var message = Raw.Message(Dhcp6MessageType.Solicit);
        for (var i = 0; i < 20; i++)
        {
            message = Raw.Message(Dhcp6MessageType.Solicit, Raw.Opt(Dhcp6OptionCode.RelayMessage, message));
        }

        AssertRejected(message, Dhcp6ParseError.RelayNestingTooDeep, Dhcp6OptionCode.RelayMessage);
    }

    [Fact]
    public void TryParse_UnknownOptionAndMessageType_Accepted()
    {
        var packet = Raw.Message((Dhcp6MessageType)200, Raw.Opt(0xFFFF, 1, 2, 3), Raw.Opt(0xFFFE));
        Assert.True(Dhcp6MessageReader.TryParse(packet, out var reader, out _));
        Assert.Equal((Dhcp6MessageType)200, reader.MessageType);
        Assert.True(reader.TryGetOption((Dhcp6OptionCode)0xFFFF, out var value));
        Assert.Equal([1, 2, 3], value.ToArray());
    }
}
