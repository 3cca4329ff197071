namespace BareMetal.Tftp.Tests.Codec;

public sealed class TftpOptionsTests
{
    [Theory]
    [InlineData("blksize", "7", null)]
    [InlineData("blksize", "8", 8)]
    [InlineData("blksize", "65464", 65464)]
    [InlineData("blksize", "65465", null)]
    [InlineData("BLKSIZE", "1468", 1468)]
    [InlineData("blksize", "-1", null)]
    [InlineData("blksize", " 512", null)]
    [InlineData("blksize", "", null)]
    public void Read_BlockSize_HonoursRfc2348Range(string name, string value, int? expected)
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(1, "f", "octet", name, value), out var packet, out _));
        Assert.Equal(expected, TftpOptions.Read(packet.Options).BlockSize);
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("1", 1)]
    [InlineData("255", 255)]
    [InlineData("256", null)]
    public void Read_Timeout_HonoursRfc2349Range(string value, int? expected)
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(1, "f", "octet", "timeout", value), out var packet, out _));
        Assert.Equal(expected, TftpOptions.Read(packet.Options).TimeoutSeconds);
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("1", 1)]
    [InlineData("65535", 65535)]
    [InlineData("65536", null)]
    public void Read_WindowSize_HonoursRfc7440Range(string value, int? expected)
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(1, "f", "octet", "windowsize", value), out var packet, out _));
        Assert.Equal(expected, TftpOptions.Read(packet.Options).WindowSize);
    }

    [Theory]
    [InlineData("999", null)]
    [InlineData("1000", 1000)]
    [InlineData("255000000", 255000000)]
    [InlineData("255000001", null)]
    public void Read_Utimeout_HonoursTftpHpaRange(string value, int? expected)
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(1, "f", "octet", "utimeout", value), out var packet, out _));
        Assert.Equal(expected, TftpOptions.Read(packet.Options).TimeoutMicroseconds);
    }

    [Fact]
    public void Read_DuplicateOption_FirstWins()
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(1, "f", "octet", "blksize", "1000", "blksize", "2000"), out var packet, out _));
        Assert.Equal(1000, TftpOptions.Read(packet.Options).BlockSize);
    }

    [Fact]
    public void Read_UnknownOnly_IsEmpty()
    {
        Assert.True(TftpPacket.TryParse(Packets.Of(1, "f", "octet", "multicast", ""), out var packet, out _));
        Assert.True(TftpOptions.Read(packet.Options).IsEmpty);
    }

    [Fact]
    public void TryWrite_ShortDestination_WritesNothing()
    {
        var options = new TftpOptions { BlockSize = 1468, WindowSize = 16 };
        var buffer = new byte[10];

        Assert.False(options.TryWrite(buffer, out var written));

        Assert.Equal(0, written);
    }

    [Fact]
    public void ToString_ListsThePresentOptions()
    {
        Assert.Equal("blksize=1468 tsize=0 windowsize=4", new TftpOptions { BlockSize = 1468, TransferSize = 0, WindowSize = 4 }.ToString());
        Assert.Equal("(none)", default(TftpOptions).ToString());
    }
}
