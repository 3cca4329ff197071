using System.Buffers.Binary;

namespace BareMetal.Dhcp6;

/// <summary>
/// A view of an IA_NA, IA_TA or IA_PD option: its IAID, timers and the options inside it (IA Address or IA Prefix,
/// Status Code).
/// </summary>
/// <remarks>
/// <code>
///  IA_NA / IA_PD (RFC 8415 §21.4, §21.21)        IA_TA (RFC 8415 §21.5)
///  +--------------------------------+           +--------------------------------+
///  | IAID (4)                       |           | IAID (4)                       |
///  | T1 (4)                         |           | IA_TA-options ...              |
///  | T2 (4)                         |           +--------------------------------+
///  | IA_NA-options / IA_PD-options  |
///  +--------------------------------+
/// </code>
/// </remarks>
public readonly ref struct Dhcp6IdentityAssociation
{
    private readonly ReadOnlySpan<byte> _options;

    private Dhcp6IdentityAssociation(Dhcp6OptionCode kind, uint iaid, uint t1, uint t2, ReadOnlySpan<byte> options)
    {
        Kind = kind;
        Iaid = iaid;
        T1 = t1;
        T2 = t2;
        _options = options;
    }

    /// <summary>The fixed part's length for an IA_NA or IA_PD.</summary>
    internal const int FixedLength = 12;

    /// <summary>The fixed part's length for an IA_TA.</summary>
    internal const int TemporaryFixedLength = 4;

    /// <summary><see cref="Dhcp6OptionCode.IaNa"/>, <see cref="Dhcp6OptionCode.IaTa"/> or <see cref="Dhcp6OptionCode.IaPd"/>.</summary>
    public Dhcp6OptionCode Kind { get; }

    /// <summary>The identity association identifier the client chose.</summary>
    public uint Iaid { get; }

    /// <summary>Seconds until the client contacts the server that granted the leases (Renew); 0 for IA_TA.</summary>
    public uint T1 { get; }

    /// <summary>Seconds until the client contacts any server (Rebind); 0 for IA_TA.</summary>
    public uint T2 { get; }

    /// <summary>The encoded options inside the IA.</summary>
    public ReadOnlySpan<byte> OptionBytes => _options;

    /// <summary>Enumerates the options inside the IA.</summary>
    /// <returns>An allocation-free enumerator.</returns>
    public Dhcp6OptionEnumerator GetOptions() => new(_options);

    /// <summary>Reads the Status Code inside the IA (RFC 8415 §21.13), if there is one.</summary>
    /// <param name="status">The code.</param>
    /// <param name="message">The UTF-8 status message.</param>
    /// <returns>Whether the IA has one.</returns>
    public bool TryGetStatusCode(out Dhcp6StatusCode status, out ReadOnlySpan<byte> message) =>
        Dhcp6MessageReader.TryReadStatusCode(_options, out status, out message);

    internal static bool TryRead(Dhcp6OptionCode code, ReadOnlySpan<byte> value, out Dhcp6IdentityAssociation association)
    {
        association = default;
        switch (code)
        {
            case Dhcp6OptionCode.IaNa or Dhcp6OptionCode.IaPd when value.Length >= FixedLength:
                association = new Dhcp6IdentityAssociation(
                    code,
                    BinaryPrimitives.ReadUInt32BigEndian(value),
                    BinaryPrimitives.ReadUInt32BigEndian(value[4..]),
                    BinaryPrimitives.ReadUInt32BigEndian(value[8..]),
                    value[FixedLength..]);
                return true;
            case Dhcp6OptionCode.IaTa when value.Length >= TemporaryFixedLength:
                association = new Dhcp6IdentityAssociation(code, BinaryPrimitives.ReadUInt32BigEndian(value), 0, 0, value[TemporaryFixedLength..]);
                return true;
            default:
                return false;
        }
    }
}
