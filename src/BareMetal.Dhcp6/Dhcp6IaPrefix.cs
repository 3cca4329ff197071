using System.Buffers.Binary;

namespace BareMetal.Dhcp6;

/// <summary>A view of an IA Prefix option, inside an IA_PD.</summary>
/// <remarks>
/// <code>
///  RFC 8415 §21.22
///  +----------------------------------+
///  | preferred-lifetime (4)           |
///  | valid-lifetime (4)               |
///  | prefix-length (1)                |
///  | IPv6-prefix (16)                 |
///  | IAprefix-options ...             |
///  +----------------------------------+
/// </code>
/// </remarks>
public readonly ref struct Dhcp6IaPrefix
{
    internal const int FixedLength = 25;

    private readonly ReadOnlySpan<byte> _options;

    private Dhcp6IaPrefix(uint preferred, uint valid, byte prefixLength, Ipv6Address prefix, ReadOnlySpan<byte> options)
    {
        PreferredLifetime = preferred;
        ValidLifetime = valid;
        PrefixLength = prefixLength;
        Prefix = prefix;
        _options = options;
    }

    /// <summary>Seconds the prefix stays preferred.</summary>
    public uint PreferredLifetime { get; }

    /// <summary>Seconds the prefix stays valid.</summary>
    public uint ValidLifetime { get; }

    /// <summary>The prefix length in bits, 0-128 after validation.</summary>
    public byte PrefixLength { get; }

    /// <summary>The prefix.</summary>
    public Ipv6Address Prefix { get; }

    /// <summary>The encoded options inside the IA Prefix.</summary>
    public ReadOnlySpan<byte> OptionBytes => _options;

    /// <summary>Reads the Status Code inside the IA Prefix, if there is one.</summary>
    /// <param name="status">The code.</param>
    /// <param name="message">The UTF-8 status message.</param>
    /// <returns>Whether there is one.</returns>
    public bool TryGetStatusCode(out Dhcp6StatusCode status, out ReadOnlySpan<byte> message) =>
        Dhcp6MessageReader.TryReadStatusCode(_options, out status, out message);

    internal static bool TryRead(Dhcp6OptionCode code, ReadOnlySpan<byte> value, out Dhcp6IaPrefix prefix)
    {
        if (code != Dhcp6OptionCode.IaPrefix || value.Length < FixedLength)
        {
            prefix = default;
            return false;
        }

        prefix = new Dhcp6IaPrefix(
            BinaryPrimitives.ReadUInt32BigEndian(value),
            BinaryPrimitives.ReadUInt32BigEndian(value[4..]),
            value[8],
            Ipv6Address.Read(value[9..]),
            value[FixedLength..]);
        return true;
    }
}
