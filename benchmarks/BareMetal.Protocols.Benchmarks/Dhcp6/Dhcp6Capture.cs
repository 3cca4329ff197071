using System.Buffers.Binary;

namespace BareMetal.Protocols.Benchmarks.Dhcp6;

/// <summary>
/// Loads the benchmark inputs from the real captures in tests/TestData/captures (the Go peer in
/// benchmarks/peers/dhcp6-codec reads the same frames), found by <see cref="CaptureFiles.Locate"/>.
/// </summary>
internal static class Dhcp6Capture
{
    /// <summary>OVMF's UEFI PXE Solicit: frame 1 of dhcp6-uefi-edk2-pxe.pcap.</summary>
    public static byte[] Edk2PxeSolicit() => UdpPayload(CaptureFiles.Locate("dhcp6-uefi-edk2-pxe.pcap"), 1);

    /// <summary>perfdhcp's Relay-Forw wrapping a Request: frame 3 of dhcp6-perfdhcp-relay-kea.pcap.</summary>
    public static byte[] RelayedRequest() => UdpPayload(CaptureFiles.Locate("dhcp6-perfdhcp-relay-kea.pcap"), 3);

    /// <summary>Classic little-endian pcap, Ethernet, IPv6 without extension headers: enough for the lab captures.</summary>
    private static byte[] UdpPayload(string path, int frameNumber)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 24;
        for (var index = 1; position + 16 <= bytes.Length; index++)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8));
            var frame = bytes.AsSpan(position + 16, captured);
            position += 16 + captured;
            if (index != frameNumber)
            {
                continue;
            }

            if (BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x86DD || frame[14 + 6] != 17)
            {
                throw new InvalidDataException($"{path}: frame {frameNumber} is not IPv6/UDP.");
            }

            var udp = frame[(14 + 40)..];
            var length = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            return udp[8..length].ToArray();
        }

        throw new InvalidDataException($"{path}: no frame {frameNumber}.");
    }
}
