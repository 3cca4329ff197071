using System.Buffers.Binary;

namespace BareMetal.Protocols.Benchmarks.Dhcp;

/// <summary>
/// Loads the benchmark input from the real capture in tests/TestData/captures (the Go peers read the same file),
/// found by walking up from the running benchmark's folder to the repository.
/// </summary>
internal static class DhcpCapture
{
    /// <summary>The UDP payload of the first DHCP DISCOVER (frame 1) of netboot-bios-ipxe-dhcp.pcap.</summary>
    public static byte[] FirstBiosIpxeDiscover() => FirstUdpPayload(Locate("netboot-bios-ipxe-dhcp.pcap"));

    private static string Locate(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "TestData", "captures", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; run the benchmarks from inside the repository.");
    }

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
