using System.Buffers.Binary;

namespace BareMetal.Dhcp6;

/// <summary>A view of an IA Address option, inside an IA_NA or IA_TA.</summary>
/// <remarks>
/// <code>
///  RFC 8415 §21.6
///  +----------------------------------+
///  | IPv6-address (16)                |
///  | preferred-lifetime (4)           |
///  | valid-lifetime (4)               |
///  | IAaddr-options ... (Status Code) |
///  +----------------------------------+
/// </code>
/// </remarks>
public readonly ref struct Dhcp6IaAddress
{
    internal const int FixedLength = 24;

    private readonly ReadOnlySpan<byte> _options;

    private Dhcp6IaAddress(Ipv6Address address, uint preferred, uint valid, ReadOnlySpan<byte> options)
    {
        Address = address;
        PreferredLifetime = preferred;
        ValidLifetime = valid;
        _options = options;
    }

    /// <summary>The address.</summary>
    public Ipv6Address Address { get; }

    /// <summary>Seconds the address stays preferred (0xFFFFFFFF is infinity, RFC 8415 §7.7).</summary>
    public uint PreferredLifetime { get; }

    /// <summary>Seconds the address stays valid (0xFFFFFFFF is infinity).</summary>
    public uint ValidLifetime { get; }

    /// <summary>The encoded options inside the IA Address.</summary>
    public ReadOnlySpan<byte> OptionBytes => _options;

    /// <summary>Reads the Status Code inside the IA Address, if there is one.</summary>
    /// <param name="status">The code.</param>
    /// <param name="message">The UTF-8 status message.</param>
    /// <returns>Whether there is one.</returns>
    public bool TryGetStatusCode(out Dhcp6StatusCode status, out ReadOnlySpan<byte> message) =>
        Dhcp6MessageReader.TryReadStatusCode(_options, out status, out message);

    internal static bool TryRead(Dhcp6OptionCode code, ReadOnlySpan<byte> value, out Dhcp6IaAddress address)
    {
        if (code != Dhcp6OptionCode.IaAddress || value.Length < FixedLength)
        {
            address = default;
            return false;
        }

        address = new Dhcp6IaAddress(
            Ipv6Address.Read(value),
            BinaryPrimitives.ReadUInt32BigEndian(value[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(value[20..]),
            value[FixedLength..]);
        return true;
    }
}
