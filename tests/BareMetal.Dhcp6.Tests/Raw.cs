using System.Buffers.Binary;

namespace BareMetal.Dhcp6.Tests;

/// <summary>Builds message bytes by hand (no use of the writer), so reader tests do not depend on it.</summary>
internal static class Raw
{
    public static readonly byte[] ClientDuid = [0, 3, 0, 1, 0x52, 0x54, 0, 0x24, 0, 0x42];

    /// <summary>An option: code, length, value.</summary>
    public static byte[] Opt(ushort code, params byte[] value)
    {
        var bytes = new byte[4 + value.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, code);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)value.Length);
        value.CopyTo(bytes, 4);
        return bytes;
    }

    public static byte[] Opt(Dhcp6OptionCode code, params byte[] value) => Opt((ushort)code, value);

    /// <summary>A client/server message, transaction id 0x123456.</summary>
    public static byte[] Message(Dhcp6MessageType type, params byte[][] options) =>
        [(byte)type, 0x12, 0x34, 0x56, .. options.SelectMany(o => o)];

    /// <summary>A relay message with link address 2001:db8::1 and peer address fe80::2.</summary>
    public static byte[] Relay(Dhcp6MessageType type, byte hops, params byte[][] options)
    {
        var header = new byte[34];
        header[0] = (byte)type;
        header[1] = hops;
        Ipv6Address.Parse("2001:db8::1").WriteTo(header.AsSpan(2));
        Ipv6Address.Parse("fe80::2").WriteTo(header.AsSpan(18));
        return [.. header, .. options.SelectMany(o => o)];
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
