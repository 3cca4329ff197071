using BareMetal.Tftp;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Tftp;

/// <summary>The request hot path: parse EDK2's RRQ, read its options, check the name, write the OACK.</summary>
[MemoryDiagnoser]
public class TftpRequestBenchmarks
{
    private static readonly byte[] Request = "\0\u0001snponly.efi\0octet\0tsize\00\0blksize\01468\0windowsize\04\0"u8.ToArray();
    private readonly byte[] _reply = new byte[128];

    /// <summary>Parse, read options, validate the name and write the OACK.</summary>
    [Benchmark]
    public int ParseNegotiateAndWriteOack()
    {
        if (!TftpPacket.TryParse(Request, out var packet, out _))
        {
            return -1;
        }

        var requested = TftpOptions.Read(packet.Options);
        if (TftpFileName.Validate(packet.FileName, 255) != TftpFileNameError.None)
        {
            return -2;
        }

        var acknowledged = requested with { TransferSize = 173_792, BlockSize = Math.Min(requested.BlockSize ?? 512, 1468) };
        TftpPacketWriter.TryWriteOptionAck(_reply, acknowledged, out var written);
        return written;
    }

    /// <summary>Parse a 1468-byte DATA packet and write its ACK (the client's per-block work).</summary>
    [Benchmark]
    public int ParseDataWriteAck()
    {
        if (!TftpPacket.TryParse(Data, out var packet, out _))
        {
            return -1;
        }

        TftpPacketWriter.TryWriteAck(_reply, packet.Block, out var written);
        return written + packet.Data.Length;
    }

    private static readonly byte[] Data = CreateData();

    private static byte[] CreateData()
    {
        var data = new byte[4 + 1468];
        TftpPacketWriter.TryWriteDataHeader(data, 42);
        return data;
    }
}
