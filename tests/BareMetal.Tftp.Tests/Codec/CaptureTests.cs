using System.Buffers.Binary;
using BareMetal.Tftp.Tests.Server;
using BareMetal.Testing;

namespace BareMetal.Tftp.Tests.Codec;

/// <summary>Golden input: the TFTP packets EDK2 and iPXE really sent, parsed and replayed against our server.</summary>
public sealed class CaptureTests
{
    private static UdpDatagram FirstRequest(string capture, int skip = 0) =>
        PcapFile.ReadUdp(capture).Where(d => d.DestinationPort == 69).Skip(skip).First();

    [Theory]
    [InlineData("tftp-edk2-windowsize.pcap")]
    [InlineData("tftp-ipxe-blksize.pcap")]
    public void EveryPacket_Parses(string capture)
    {
        var datagrams = PcapFile.ReadUdp(capture);
        Assert.NotEmpty(datagrams);
        foreach (var datagram in datagrams)
        {
            Assert.True(TftpPacket.TryParse(datagram.Payload, out _, out var error), $"packet {datagram.Index}: {error}");
        }
    }

    [Fact]
    public void Edk2_Requests_AskForTsizeBlksizeAndWindowsize4()
    {
        Assert.True(TftpPacket.TryParse(FirstRequest("tftp-edk2-windowsize.pcap").Payload, out var probe, out _));
        Assert.Equal(new TftpOptions { TransferSize = 0, BlockSize = 1468, WindowSize = 4 }, TftpOptions.Read(probe.Options));
        Assert.True(TftpPacket.TryParse(FirstRequest("tftp-edk2-windowsize.pcap", 1).Payload, out var transfer, out _));
        Assert.Equal(new TftpOptions { BlockSize = 1468, WindowSize = 4 }, TftpOptions.Read(transfer.Options));
        Assert.Equal("snponly.efi"u8.ToArray(), transfer.FileName.ToArray());
    }

    [Fact]
    public void Ipxe_Request_AsksForBlksize1432AndTsize()
    {
        Assert.True(TftpPacket.TryParse(FirstRequest("tftp-ipxe-blksize.pcap").Payload, out var request, out _));
        Assert.Equal(new TftpOptions { BlockSize = 1432, TransferSize = 0 }, TftpOptions.Read(request.Options));
        Assert.Equal(TftpTransferMode.Octet, request.Mode);
    }

    [Fact]
    public async Task Edk2_ProbeThenTransfer_Replayed_GetsTheSameOackAsDnsmasqPlusWindowsize()
    {
        var content = TestBytes.Random(173_792, 7);
        await using var server = await LoopbackServer.StartAsync();
        server.Files.Set("snponly.efi", content);
        using var peer = new RawPeer();

        // The size probe: OACK, then EDK2's own "User aborted the transfer" ERROR from the capture.
        peer.Send(FirstRequest("tftp-edk2-windowsize.pcap").Payload, server.EndPoint);
        var probe = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
        Assert.True(TftpPacket.TryParse(probe.Packet, out var oack, out _));
        Assert.Equal(TftpOpcode.OptionAck, oack.Opcode);
        Assert.Equal(new TftpOptions { TransferSize = 173_792, BlockSize = 1468, WindowSize = 4 }, TftpOptions.Read(oack.Options));
        var abort = PcapFile.ReadUdp("tftp-edk2-windowsize.pcap").First(d => d.Payload[1] == 5).Payload;
        peer.Send(abort, probe.From);
        Assert.True(await Eventually.TrueAsync(() => server.Server.ActiveTransfers == 0, TimeSpan.FromSeconds(2)));

        // The transfer itself, from a new port as EDK2 does.
        using var second = new RawPeer();
        second.Send(FirstRequest("tftp-edk2-windowsize.pcap", 1).Payload, server.EndPoint);
        var received = Drive(second, 1468, 4, out var options);

        Assert.Equal(new TftpOptions { BlockSize = 1468, WindowSize = 4 }, options);
        Assert.Equal(TestBytes.Sha256(content), TestBytes.Sha256(received));
    }

    [Fact]
    public async Task Ipxe_Request_Replayed_DeliversTheKernel()
    {
        var content = TestBytes.Random(1_000_000, 8);
        await using var server = await LoopbackServer.StartAsync();
        server.Files.Set("vmlinuz", content);
        using var peer = new RawPeer();

        peer.Send(FirstRequest("tftp-ipxe-blksize.pcap").Payload, server.EndPoint);
        var received = Drive(peer, 1432, 1, out var options);

        Assert.Equal(new TftpOptions { BlockSize = 1432, TransferSize = 1_000_000 }, options);
        Assert.Equal(TestBytes.Sha256(content), TestBytes.Sha256(received));
    }

    /// <summary>Plays the client: ACK 0 for the OACK, then an ACK after every window and the last block.</summary>
    private static byte[] Drive(RawPeer peer, int blockSize, int window, out TftpOptions options)
    {
        var first = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
        Assert.True(TftpPacket.TryParse(first.Packet, out var oack, out _));
        Assert.Equal(TftpOpcode.OptionAck, oack.Opcode);
        options = TftpOptions.Read(oack.Options);
        peer.Send([0, 4, 0, 0], first.From);
        using var output = new MemoryStream();
        ushort expected = 1;
        var inWindow = 0;
        for (var guard = 0; guard < 100_000; guard++)
        {
            var (packet, _) = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
            var block = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));
            if (packet[1] != 3 || block != expected)
            {
                continue;
            }

            output.Write(packet.AsSpan(4));
            var last = packet.Length - 4 < blockSize;
            if (++inWindow == window || last)
            {
                peer.Send([0, 4, (byte)(block >> 8), (byte)block], first.From);
                inWindow = 0;
            }

            expected++;
            if (last)
            {
                return output.ToArray();
            }
        }

        throw new TimeoutException("transfer did not end");
    }
}
