namespace BareMetal.Tftp.Tests.Codec;

public sealed class TftpPacketWriterTests
{
    [Fact]
    public void TryWriteRequest_WritesRfc2347Layout()
    {
        var buffer = new byte[100];
        var options = new TftpOptions { BlockSize = 1468, TransferSize = 0, TimeoutSeconds = 3, TimeoutMicroseconds = 50000, WindowSize = 16 };

        Assert.True(TftpPacketWriter.TryWriteRequest(buffer, TftpOpcode.ReadRequest, "boot/ipxe.efi", TftpTransferMode.Octet, options, out var written));

        Assert.Equal(Packets.Of(1, "boot/ipxe.efi", "octet", "blksize", "1468", "tsize", "0", "timeout", "3", "utimeout", "50000", "windowsize", "16"), buffer[..written]);
    }

    [Fact]
    public void TryWriteRequest_NonAsciiName_IsRefused()
    {
        Assert.False(TftpPacketWriter.TryWriteRequest(new byte[100], TftpOpcode.ReadRequest, "bööt", TftpTransferMode.Octet, default, out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryWriteRequest_ShortBuffer_IsRefused()
    {
        Assert.False(TftpPacketWriter.TryWriteRequest(new byte[8], TftpOpcode.ReadRequest, "file.bin", TftpTransferMode.Octet, default, out _));
    }

    [Fact]
    public void TryWriteData_CopiesPayload()
    {
        var buffer = new byte[10];
        Assert.True(TftpPacketWriter.TryWriteData(buffer, 0x0102, [9, 8, 7], out var written));
        Assert.Equal(new byte[] { 0, 3, 1, 2, 9, 8, 7 }, buffer[..written]);
        Assert.False(TftpPacketWriter.TryWriteData(new byte[6], 1, [9, 8, 7], out written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryWriteAck_WritesFourBytes()
    {
        var buffer = new byte[4];
        Assert.True(TftpPacketWriter.TryWriteAck(buffer, 65535, out var written));
        Assert.Equal(new byte[] { 0, 4, 255, 255 }, buffer[..written]);
        Assert.False(TftpPacketWriter.TryWriteAck(new byte[3], 1, out _));
    }

    [Fact]
    public void TryWriteError_ReplacesNonAscii()
    {
        var buffer = new byte[20];
        Assert.True(TftpPacketWriter.TryWriteError(buffer, TftpErrorCode.FileNotFound, "nö", out var written));
        Assert.Equal(new byte[] { 0, 5, 0, 1, (byte)'n', (byte)'?', 0 }, buffer[..written]);
    }

    [Fact]
    public void TryWriteOptionAck_EmptySet_IsRefused()
    {
        Assert.False(TftpPacketWriter.TryWriteOptionAck(new byte[100], default, out _));
        Assert.True(TftpPacketWriter.TryWriteOptionAck(new byte[100], new TftpOptions { TransferSize = 1 }, out var written));
        Assert.Equal(Packets.Of(6, "tsize", "1").Length, written);
    }
}
