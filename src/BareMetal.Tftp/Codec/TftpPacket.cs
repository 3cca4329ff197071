using System.Buffers.Binary;
using System.Text;

namespace BareMetal.Tftp;

/// <summary>
/// A zero-copy view over one TFTP datagram. Layouts (RFC 1350 section 5, RFC 2347):
/// <code>
///  RRQ/WRQ  | 01/02 | filename | 0 | mode | 0 | opt1 | 0 | value1 | 0 | ... |
///  DATA     | 03    | block #  | data (0..blksize bytes)                     |
///  ACK      | 04    | block #  |
///  ERROR    | 05    | code     | message | 0 |
///  OACK     | 06    | opt1 | 0 | value1 | 0 | ...                            |
///            2 bytes  2 bytes
/// </code>
/// Parsing never throws and never copies: every field is a slice of the input.
/// </summary>
public readonly ref struct TftpPacket
{
    private readonly ReadOnlySpan<byte> _first;
    private readonly ReadOnlySpan<byte> _second;

    private TftpPacket(TftpOpcode opcode, ushort number, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, TftpTransferMode mode)
    {
        Opcode = opcode;
        Number = number;
        _first = first;
        _second = second;
        Mode = mode;
    }

    /// <summary>The packet type.</summary>
    public TftpOpcode Opcode { get; }

    /// <summary>The block number of a DATA or ACK packet (wraps from 65535 to 0 on long transfers).</summary>
    public ushort Block => Opcode is TftpOpcode.Data or TftpOpcode.Ack ? Number : (ushort)0;

    /// <summary>The payload of a DATA packet.</summary>
    public ReadOnlySpan<byte> Data => Opcode == TftpOpcode.Data ? _first : default;

    /// <summary>The error code of an ERROR packet.</summary>
    public TftpErrorCode ErrorCode => Opcode == TftpOpcode.Error ? (TftpErrorCode)Number : TftpErrorCode.NotDefined;

    /// <summary>The message of an ERROR packet, without its NUL (ASCII by RFC 1350; may be empty).</summary>
    public ReadOnlySpan<byte> ErrorMessage => Opcode == TftpOpcode.Error ? _first : default;

    /// <summary>The file name of a request, without its NUL (bytes as sent: validate before use).</summary>
    public ReadOnlySpan<byte> FileName => IsRequest ? _first : default;

    /// <summary>The transfer mode of a request.</summary>
    public TftpTransferMode Mode { get; }

    /// <summary>True for RRQ and WRQ.</summary>
    public bool IsRequest => Opcode is TftpOpcode.ReadRequest or TftpOpcode.WriteRequest;

    /// <summary>The options of a request or OACK (RFC 2347), enumerated without allocating.</summary>
    public TftpOptionEnumerator Options => Opcode is TftpOpcode.ReadRequest or TftpOpcode.WriteRequest or TftpOpcode.OptionAck
        ? new TftpOptionEnumerator(_second)
        : default;

    private ushort Number { get; }

    /// <summary>Parses a datagram. On failure <paramref name="packet"/> is default and the error names why.</summary>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="packet">The view over <paramref name="datagram"/>.</param>
    /// <param name="error">Why the bytes are not a TFTP packet, or <see cref="TftpParseError.None"/>.</param>
    /// <returns>True when the bytes are a well-formed packet.</returns>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out TftpPacket packet, out TftpParseError error)
    {
        packet = default;
        if (datagram.Length < 2)
        {
            error = TftpParseError.TooShort;
            return false;
        }

        var opcode = (TftpOpcode)BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var body = datagram[2..];
        switch (opcode)
        {
            case TftpOpcode.ReadRequest:
            case TftpOpcode.WriteRequest:
                return TryParseRequest(opcode, body, out packet, out error);
            case TftpOpcode.Data:
            case TftpOpcode.Ack:
                if (body.Length < 2)
                {
                    error = TftpParseError.HeaderTruncated;
                    return false;
                }

                // RFC 1350: an ACK is exactly four bytes; trailing bytes some stacks pad with are ignored.
                packet = new TftpPacket(opcode, BinaryPrimitives.ReadUInt16BigEndian(body), opcode == TftpOpcode.Data ? body[2..] : default, default, TftpTransferMode.None);
                error = TftpParseError.None;
                return true;
            case TftpOpcode.Error:
                return TryParseError(body, out packet, out error);
            case TftpOpcode.OptionAck:
                if (!TftpOptionEnumerator.Validate(body, out var oackLength, out error))
                {
                    return false;
                }

                body = body[..oackLength];
                if (body.IsEmpty)
                {
                    error = TftpParseError.OptionAckEmpty;
                    return false;
                }

                packet = new TftpPacket(opcode, 0, default, body, TftpTransferMode.None);
                return true;
            default:
                error = TftpParseError.UnknownOpcode;
                return false;
        }
    }

    /// <summary>The error message as a string (for logs; allocates).</summary>
    /// <returns>The message decoded as ASCII with unprintable bytes replaced.</returns>
    public string GetErrorMessageString() => Encoding.ASCII.GetString(ErrorMessage);

    private static bool TryParseRequest(TftpOpcode opcode, ReadOnlySpan<byte> body, out TftpPacket packet, out TftpParseError error)
    {
        packet = default;
        var nameEnd = body.IndexOf((byte)0);
        if (nameEnd < 0)
        {
            error = TftpParseError.FileNameNotTerminated;
            return false;
        }

        if (nameEnd == 0)
        {
            error = TftpParseError.FileNameEmpty;
            return false;
        }

        var rest = body[(nameEnd + 1)..];
        var modeEnd = rest.IndexOf((byte)0);
        if (modeEnd < 0)
        {
            error = TftpParseError.ModeNotTerminated;
            return false;
        }

        var modeBytes = rest[..modeEnd];
        TftpTransferMode mode;
        if (Ascii.EqualsIgnoreCase(modeBytes, "octet"u8))
        {
            mode = TftpTransferMode.Octet;
        }
        else if (Ascii.EqualsIgnoreCase(modeBytes, "netascii"u8))
        {
            mode = TftpTransferMode.NetAscii;
        }
        else if (Ascii.EqualsIgnoreCase(modeBytes, "mail"u8))
        {
            mode = TftpTransferMode.Mail;
        }
        else
        {
            error = TftpParseError.UnknownMode;
            return false;
        }

        var options = rest[(modeEnd + 1)..];
        if (!TftpOptionEnumerator.Validate(options, out var optionsLength, out error))
        {
            return false;
        }

        options = options[..optionsLength];

        packet = new TftpPacket(opcode, 0, body[..nameEnd], options, mode);
        return true;
    }

    private static bool TryParseError(ReadOnlySpan<byte> body, out TftpPacket packet, out TftpParseError error)
    {
        packet = default;
        if (body.Length < 2)
        {
            error = TftpParseError.HeaderTruncated;
            return false;
        }

        var code = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (code > (ushort)TftpErrorCode.OptionNegotiationFailed)
        {
            error = TftpParseError.UnknownErrorCode;
            return false;
        }

        // RFC 1350 asks for a NUL-terminated message; a missing NUL is tolerated (the message is the rest).
        var message = body[2..];
        var end = message.IndexOf((byte)0);
        packet = new TftpPacket(TftpOpcode.Error, code, end < 0 ? message : message[..end], default, TftpTransferMode.None);
        error = TftpParseError.None;
        return true;
    }
}
