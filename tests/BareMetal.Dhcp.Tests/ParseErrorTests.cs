namespace BareMetal.Dhcp.Tests;

/// <summary>Each malformed input yields its named error, never an exception (error model: untrusted bytes never throw).</summary>
public class ParseErrorTests
{
    private static DhcpParseError ErrorOf(byte[] packet, out DhcpOptionCode offender)
    {
        Assert.False(DhcpMessageReader.TryParse(packet, out var reader, out var error, out offender));
        Assert.True(reader.Packet.IsEmpty);
        return error;
    }

    private static DhcpParseError ErrorOf(byte[] packet) => ErrorOf(packet, out _);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(236)]
    [InlineData(239)]
    public void TryParse_ShorterThanHeaderAndCookie_Truncated(int length) =>
        Assert.Equal(DhcpParseError.Truncated, ErrorOf(RawPacket.Request(0xff)[..length]));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public void TryParse_OpNeitherRequestNorReply_InvalidOpcode(byte op) =>
        Assert.Equal(DhcpParseError.InvalidOpcode, ErrorOf(RawPacket.Build(op, [0xff])));

    [Fact]
    public void TryParse_HlenOver16_HardwareAddressTooLong()
    {
        var packet = RawPacket.Request(0xff);
        packet[2] = 17;
        Assert.Equal(DhcpParseError.HardwareAddressTooLong, ErrorOf(packet));
    }

    [Fact]
    public void TryParse_Hlen16_Accepted()
    {
        var packet = RawPacket.Request(0xff);
        packet[2] = 16;
        Assert.True(DhcpMessageReader.TryParse(packet, out var reader, out _));
        Assert.Equal(16, reader.ClientHardwareAddress.Length);
    }

    [Fact]
    public void TryParse_WrongCookie_BadMagicCookie()
    {
        var packet = RawPacket.Request(0xff);
        packet[239] = 0x64;
        Assert.Equal(DhcpParseError.BadMagicCookie, ErrorOf(packet));
    }

    [Theory]
    [InlineData(new byte[] { 53 })] // code without its length byte
    [InlineData(new byte[] { 12, 5, (byte)'a', (byte)'b' })] // value runs past the end
    [InlineData(new byte[] { 53, 1, 1, 60, 255 })] // length 255 with no bytes behind it
    public void TryParse_OptionPastEnd_OptionOverrunsBuffer(byte[] options) =>
        Assert.Equal(DhcpParseError.OptionOverrunsBuffer, ErrorOf(RawPacket.Request(options)));

    [Fact]
    public void TryParse_OptionPastEnd_NamesTheOption()
    {
        Assert.Equal(DhcpParseError.OptionOverrunsBuffer, ErrorOf(RawPacket.Request(53, 1, 1, 60, 9, 1), out var offender));
        Assert.Equal(DhcpOptionCode.VendorClassIdentifier, offender);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(50)]
    [InlineData(54)]
    [InlineData(60)]
    [InlineData(61)]
    [InlineData(93)]
    [InlineData(97)]
    public void TryParse_ZeroLengthWhereValueRequired_ZeroLengthOption(byte code)
    {
        Assert.Equal(DhcpParseError.ZeroLengthOption, ErrorOf(RawPacket.Request(53, 1, 1, code, 0, 255), out var offender));
        Assert.Equal((DhcpOptionCode)code, offender);
    }

    [Fact]
    public void TryParse_ZeroLengthRapidCommit_Accepted()
    {
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request(53, 1, 1, 80, 0, 255), out var reader, out _));
        Assert.True(reader.TryGetOption(DhcpOptionCode.RapidCommit, out var value));
        Assert.True(value.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[] { 53, 2, 1, 1, 255 })]
    [InlineData(new byte[] { 53, 1, 1, 53, 1, 3, 255 })]
    public void TryParse_BadOrRepeatedMessageType_InvalidMessageTypeOption(byte[] options) =>
        Assert.Equal(DhcpParseError.InvalidMessageTypeOption, ErrorOf(RawPacket.Request(options)));

    [Fact]
    public void TryParse_MaxMessageSizeNotTwoBytes_InvalidMaximumMessageSizeOption() =>
        Assert.Equal(DhcpParseError.InvalidMaximumMessageSizeOption, ErrorOf(RawPacket.Request(53, 1, 1, 57, 1, 5, 255)));

    [Theory]
    [InlineData(new byte[] { 52, 1, 0, 255 })]
    [InlineData(new byte[] { 52, 1, 4, 255 })]
    [InlineData(new byte[] { 52, 2, 1, 1, 255 })]
    public void TryParse_OverloadValueOutOfRange_InvalidOverloadOption(byte[] options) =>
        Assert.Equal(DhcpParseError.InvalidOverloadOption, ErrorOf(RawPacket.Request(options)));

    [Fact]
    public void TryParse_OverloadRepeated_OverloadLoop() =>
        Assert.Equal(DhcpParseError.OverloadLoop, ErrorOf(RawPacket.Request(52, 1, 1, 52, 1, 1, 255)));

    [Fact]
    public void TryParse_OverloadInsideFileField_OverloadLoop()
    {
        var file = new byte[128];
        new byte[] { 52, 1, 3, 255 }.CopyTo(file, 0);
        Assert.Equal(DhcpParseError.OverloadLoop, ErrorOf(RawPacket.Build(1, [53, 1, 1, 52, 1, 1, 255], file: file)));
    }

    [Fact]
    public void TryParse_OverloadPointingAtGarbage_OverloadedFieldMalformed()
    {
        // 'file' holds text, not options: 'x' (120) read as code and length twice runs past the 128-byte field.
        var file = Enumerable.Repeat((byte)'x', 128).ToArray();
        Assert.Equal(DhcpParseError.OverloadedFieldMalformed, ErrorOf(RawPacket.Build(1, [53, 1, 1, 52, 1, 1, 255], file: file), out var offender));
        Assert.Equal((DhcpOptionCode)'x', offender);
    }

    [Fact]
    public void TryParse_OverloadedSnameOptionRunsPastField_OverloadedFieldMalformed()
    {
        var sname = new byte[64];
        sname[62] = 12;
        sname[63] = 10;
        Assert.Equal(DhcpParseError.OverloadedFieldMalformed, ErrorOf(RawPacket.Build(1, [53, 1, 1, 52, 1, 2, 255], sname: sname)));
    }

    [Fact]
    public void TryParse_NoEndOption_AcceptedUpToBufferEnd()
    {
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request(53, 1, 1, 12, 2, (byte)'p', (byte)'c'), out var reader, out _));
        Assert.True(reader.TryGetHostName(out var name));
        Assert.Equal("pc"u8.ToArray(), name.ToArray());
    }

    [Fact]
    public void TryParse_BytesAfterEnd_Ignored()
    {
        // After End only padding is defined (RFC 2132 §3.2); junk there is not read as options.
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request(53, 1, 1, 255, 12, 200, 1), out var reader, out _));
        Assert.False(reader.ContainsOption(DhcpOptionCode.HostName));
    }
}
