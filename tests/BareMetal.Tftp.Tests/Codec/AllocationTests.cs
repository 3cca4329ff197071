namespace BareMetal.Tftp.Tests.Codec;

/// <summary>The codec's zero-allocation claim, measured.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void ParseAndWrite_AllocateNothing()
    {
        var request = Packets.Of(1, "boot/snponly.efi", "octet", "tsize", "0", "blksize", "1468", "windowsize", "4");
        var data = Packets.Of(3, (ushort)9, new byte[1468]);
        var buffer = new byte[2048];
        var options = new TftpOptions { BlockSize = 1468, TransferSize = 1234567, WindowSize = 4 };
        Run(request, data, buffer, options); // warm up (JIT, static initialisers)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Run(request, data, buffer, options);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Run(byte[] request, byte[] data, byte[] buffer, TftpOptions options)
    {
        Assert.True(TftpPacket.TryParse(request, out var packet, out _));
        var read = TftpOptions.Read(packet.Options);
        TftpFileName.Validate(packet.FileName, 255);
        Assert.True(TftpPacket.TryParse(data, out packet, out _));
        TftpPacketWriter.TryWriteOptionAck(buffer, read, out _);
        TftpPacketWriter.TryWriteRequest(buffer, TftpOpcode.ReadRequest, "boot/snponly.efi", TftpTransferMode.Octet, options, out _);
        TftpPacketWriter.TryWriteData(buffer, packet.Block, packet.Data, out _);
        TftpPacketWriter.TryWriteAck(buffer, 1, out _);
        TftpPacketWriter.TryWriteError(buffer, TftpErrorCode.FileNotFound, "file not found", out _);
    }
}
