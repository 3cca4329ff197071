namespace BareMetal.Tftp.Tests.Codec;

public sealed class TftpPacketParseTests
{
    [Fact]
    public void TryParse_ReadRequestWithOptions_ExposesEveryField()
    {
        var bytes = Packets.Of(1, "pxelinux.0", "octet", "blksize", "1432", "tsize", "0", "windowsize", "4", "x-unknown", "7");

        Assert.True(TftpPacket.TryParse(bytes, out var packet, out var error));

        Assert.Equal(TftpParseError.None, error);
        Assert.Equal(TftpOpcode.ReadRequest, packet.Opcode);
        Assert.Equal("pxelinux.0"u8.ToArray(), packet.FileName.ToArray());
        Assert.Equal(TftpTransferMode.Octet, packet.Mode);
        var options = TftpOptions.Read(packet.Options);
        Assert.Equal(new TftpOptions { BlockSize = 1432, TransferSize = 0, WindowSize = 4 }, options);
    }

    [Theory]
    [InlineData("OCTET", TftpTransferMode.Octet)]
    [InlineData("NetAscii", TftpTransferMode.NetAscii)]
    [InlineData("mail", TftpTransferMode.Mail)]
    public void TryParse_Mode_IsCaseInsensitive(string mode, TftpTransferMode expected)
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(2, "f", mode), out var packet, out _));
        Assert.Equal(expected, packet.Mode);
        Assert.Equal(TftpOpcode.WriteRequest, packet.Opcode);
    }

    [Fact]
    public void TryParse_Data_ExposesBlockAndPayload()
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(3, (ushort)65535, new byte[] { 1, 2, 3 }), out var packet, out _));

        Assert.Equal(65535, packet.Block);
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.Data.ToArray());
    }

    [Fact]
    public void TryParse_EmptyData_IsTheLastBlock()
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(3, (ushort)7), out var packet, out _));
        Assert.Equal(7, packet.Block);
        Assert.True(packet.Data.IsEmpty);
    }

    [Fact]
    public void TryParse_Ack_ExposesBlock()
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(4, (ushort)258), out var packet, out _));
        Assert.Equal(TftpOpcode.Ack, packet.Opcode);
        Assert.Equal(258, packet.Block);
    }

    [Fact]
    public void TryParse_Error_ExposesCodeAndMessage()
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(5, (ushort)8, "tsize probe"), out var packet, out _));
        Assert.Equal(TftpErrorCode.OptionNegotiationFailed, packet.ErrorCode);
        Assert.Equal("tsize probe", packet.GetErrorMessageString());
    }

    [Fact]
    public void TryParse_ErrorWithoutNul_KeepsTheMessage()
    {
        Assert.True(TftpPacket.TryParse([0, 5, 0, 1, (byte)'x'], out var packet, out _));
        Assert.Equal("x", packet.GetErrorMessageString());
    }

    [Fact]
    public void TryParse_OptionAck_ExposesOptions()
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(6, "blksize", "1468", "tsize", "1048576"), out var packet, out _));
        Assert.Equal(new TftpOptions { BlockSize = 1468, TransferSize = 1048576 }, TftpOptions.Read(packet.Options));
    }

    [Fact]
    public void TryParse_RequestWithNulPadding_IgnoresThePadding()
    {
        var bytes = Packets.Of(1, "f", "octet", "blksize", "1400", new byte[] { 0, 0, 0 });
        Assert.True(TftpPacket.TryParse(bytes, out var packet, out _));
        Assert.Equal(1400, TftpOptions.Read(packet.Options).BlockSize);
    }

    public static TheoryData<string, TftpParseError> Malformed => new()
    {
        { "", TftpParseError.TooShort },
        { "00", TftpParseError.TooShort },
        { "0000", TftpParseError.UnknownOpcode },
        { "0007", TftpParseError.UnknownOpcode },
        { "0003", TftpParseError.HeaderTruncated },
        { "000400", TftpParseError.HeaderTruncated },
        { "0005", TftpParseError.HeaderTruncated },
        { "00050009", TftpParseError.UnknownErrorCode },
        { "0001", TftpParseError.FileNameNotTerminated },
        { "000166", TftpParseError.FileNameNotTerminated },
        { "000100", TftpParseError.FileNameEmpty },
        { "0001660061", TftpParseError.ModeNotTerminated },
        { "000166006F637465740062", TftpParseError.OptionNotTerminated },
        { "000166006F63746574006200", TftpParseError.OptionNotTerminated },
        { "000166006F6374657400006200", TftpParseError.OptionNameEmpty },
        { "00016600626C6F636B00", TftpParseError.UnknownMode },
        { "0006", TftpParseError.OptionAckEmpty },
        { "00066200", TftpParseError.OptionNotTerminated },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Malformed_ReturnsTheExactError(string hex, TftpParseError expected)
    {
        Assert.False(TftpPacket.TryParse(Convert.FromHexString(hex), out var packet, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(TftpOpcode.None, packet.Opcode);
    }
}
