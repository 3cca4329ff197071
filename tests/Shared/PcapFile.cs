using System.Buffers.Binary;
using System.Net;

namespace BareMetal.Testing;

/// <summary>One UDP datagram taken from a capture: addresses, ports and the payload bytes.</summary>
public sealed record UdpDatagram(int Index, IPAddress Source, int SourcePort, IPAddress Destination, int DestinationPort, byte[] Payload);

/// <summary>
/// Reads classic libpcap files (Ethernet link type) and yields the UDP datagrams (over IPv4 or IPv6) in them, so tests can
/// use the real packets under <c>tests/TestData/captures</c> as golden input.
/// </summary>
public static class PcapFile
{
    /// <summary>The folder holding the captures, copied next to the test assembly by the build.</summary>
    public static string CapturesDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "captures");

    /// <summary>The full path of a capture by file name.</summary>
    public static string PathOf(string name) => Path.Combine(CapturesDirectory, name);

    /// <summary>Every IPv4 or IPv6 UDP datagram in the capture, in file order (non-UDP frames are skipped).</summary>
    public static IReadOnlyList<UdpDatagram> ReadUdp(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var littleEndian = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        if (!littleEndian && magic is not (0xD4C3B2A1 or 0x4D3CB2A1))
        {
            throw new InvalidDataException($"{name}: not a classic pcap file (magic 0x{magic:X8}).");
        }

        uint U32(int offset) => littleEndian
            ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset))
            : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));

        if (U32(20) != 1)
        {
            throw new InvalidDataException($"{name}: link type {U32(20)} is not Ethernet (1).");
        }

        var result = new List<UdpDatagram>();
        var position = 24;
        var index = 0;
        while (position + 16 <= bytes.Length)
        {
            var captured = (int)U32(position + 8);
            var frame = bytes.AsSpan(position + 16, captured);
            position += 16 + captured;
            index++;

            var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
            var ip = frame[14..];
            if (etherType == 0x8100)
            {
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
                ip = frame[18..];
            }

            if (etherType == 0x86DD)
            {
                // IPv6 (RFC 8200 §3): a fixed 40-byte header; DHCPv6 and TFTP datagrams carry no extension headers.
                if (ip.Length >= 48 && ip[6] == 17)
                {
                    var udp6 = ip[40..Math.Min(40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]), ip.Length)];
                    var udp6Length = BinaryPrimitives.ReadUInt16BigEndian(udp6[4..]);
                    result.Add(new UdpDatagram(
                        index,
                        new IPAddress(ip.Slice(8, 16)),
                        BinaryPrimitives.ReadUInt16BigEndian(udp6),
                        new IPAddress(ip.Slice(24, 16)),
                        BinaryPrimitives.ReadUInt16BigEndian(udp6[2..]),
                        udp6[8..Math.Min(udp6Length, udp6.Length)].ToArray()));
                }

                continue;
            }

            if (etherType != 0x0800 || ip.Length < 20 || ip[9] != 17)
            {
                continue;
            }

            var headerLength = (ip[0] & 0x0F) * 4;
            var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
            var udp = ip[headerLength..Math.Min(totalLength, ip.Length)];
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            result.Add(new UdpDatagram(
                index,
                new IPAddress(ip.Slice(12, 4)),
                BinaryPrimitives.ReadUInt16BigEndian(udp),
                new IPAddress(ip.Slice(16, 4)),
                BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
                udp[8..Math.Min(udpLength, udp.Length)].ToArray()));
        }

        return result;
    }
}
