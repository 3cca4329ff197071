using System.Buffers.Binary;

namespace BareMetal.Protocols.Benchmarks.Dhcp;

/// <summary>
/// Loads the benchmark input from the real capture in tests/TestData/captures (the Go peers read the same file),
/// found by <see cref="CaptureFiles.Locate"/>.
/// </summary>
internal static class DhcpCapture
{
    /// <summary>The UDP payload of the first DHCP DISCOVER (frame 1) of netboot-bios-ipxe-dhcp.pcap.</summary>
    public static byte[] FirstBiosIpxeDiscover() => FirstUdpPayload(CaptureFiles.Locate("netboot-bios-ipxe-dhcp.pcap"));

    /// <summary>Classic little-endian pcap, Ethernet, IPv4 without VLAN: enough for the lab captures.</summary>
    private static byte[] FirstUdpPayload(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 24;
        while (position + 16 <= bytes.Length)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8));
            var frame = bytes.AsSpan(position + 16, captured);
            position += 16 + captured;
            if (BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[14 + 9] != 17)
            {
                continue;
            }

            var ip = frame[14..];
            var udp = ip[((ip[0] & 0x0F) * 4)..];
            var length = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            return udp[8..length].ToArray();
        }

        throw new InvalidDataException($"{path}: no UDP datagram found.");
    }
}
