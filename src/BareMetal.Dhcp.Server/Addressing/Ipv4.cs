using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BareMetal.Dhcp.Server.Addressing;

/// <summary>
/// Configuration text to IPv4 values in host order (192.0.2.1 is 0xC0000201), as the compiled configuration keeps
/// them: addresses with <see cref="IPAddress"/>'s own rules plus "exactly four octets", and CIDR prefixes. Packets
/// and everything else use <see cref="Ipv4Address"/>.
/// </summary>
internal static class Ipv4
{
    public static bool TryParse(string? text, out uint address)
    {
        address = 0;
        if (string.IsNullOrWhiteSpace(text) || !IPAddress.TryParse(text.Trim(), out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        // IPAddress.TryParse accepts "1" as 0.0.0.1; configuration must spell four octets.
        if (text.Trim().Split('.').Length != 4)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        ip.TryWriteBytes(bytes, out _);
        address = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    public static bool TryParseCidr(string? text, out uint network, out int prefixLength)
    {
        network = 0;
        prefixLength = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !TryParse(text[..slash], out network)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefixLength)
            || prefixLength is < 1 or > 30)
        {
            return false;
        }

        return true;
    }

    public static uint MaskOf(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);

    public static string Format(uint address) => new Ipv4Address(address).ToString();
}
