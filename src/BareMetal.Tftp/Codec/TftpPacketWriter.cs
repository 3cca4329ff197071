using System.Buffers.Binary;
using System.Text;

namespace BareMetal.Tftp;

/// <summary>
/// Writes TFTP packets into a caller's buffer (RFC 1350 section 5, RFC 2347). Every method returns false and
/// reports 0 bytes on a short destination; nothing allocates.
/// </summary>
public static class TftpPacketWriter
{
    /// <summary>Bytes before the payload of a DATA packet (opcode and block number).</summary>
    public const int DataHeaderLength = 4;

    /// <summary>Writes a RRQ or WRQ: <c>| opcode | filename | 0 | mode | 0 | options |</c>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="opcode"><see cref="TftpOpcode.ReadRequest"/> or <see cref="TftpOpcode.WriteRequest"/>.</param>
    /// <param name="fileName">The file name (ASCII).</param>
    /// <param name="mode">The transfer mode.</param>
    /// <param name="options">Options to request (none for plain RFC 1350).</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>False on a short destination or a name that is not printable ASCII.</returns>
    public static bool TryWriteRequest(Span<byte> destination, TftpOpcode opcode, ReadOnlySpan<char> fileName, TftpTransferMode mode, in TftpOptions options, out int written)
    {
        written = 0;
        if (opcode is not (TftpOpcode.ReadRequest or TftpOpcode.WriteRequest) || fileName.IsEmpty || !Ascii.IsValid(fileName) || fileName.Contains('\0'))
        {
            return false;
        }

        var modeName = mode switch
        {
            TftpTransferMode.NetAscii => "netascii"u8,
            TftpTransferMode.Mail => "mail"u8,
            _ => "octet"u8,
        };
        var fixedLength = 2 + fileName.Length + 1 + modeName.Length + 1;
        if (destination.Length < fixedLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)opcode);
        var position = 2;
        position += Encoding.ASCII.GetBytes(fileName, destination[position..]);
        destination[position++] = 0;
        modeName.CopyTo(destination[position..]);
        position += modeName.Length;
        destination[position++] = 0;
        if (!options.TryWrite(destination[position..], out var optionBytes))
        {
            return false;
        }

        written = position + optionBytes;
        return true;
    }

    /// <summary>Writes the four-byte DATA header; the caller puts the payload after it.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="block">The block number (wrapped to 16 bits).</param>
    /// <returns>False when <paramref name="destination"/> is shorter than 4 bytes.</returns>
    public static bool TryWriteDataHeader(Span<byte> destination, ushort block)
    {
        if (destination.Length < DataHeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Data);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        return true;
    }

    /// <summary>Writes a DATA packet with its payload copied in.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="block">The block number.</param>
    /// <param name="payload">The block's bytes.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>False on a short destination.</returns>
    public static bool TryWriteData(Span<byte> destination, ushort block, ReadOnlySpan<byte> payload, out int written)
    {
        written = 0;
        if (destination.Length < DataHeaderLength + payload.Length || !TryWriteDataHeader(destination, block))
        {
            return false;
        }

        payload.CopyTo(destination[DataHeaderLength..]);
        written = DataHeaderLength + payload.Length;
        return true;
    }

    /// <summary>Writes an ACK: <c>| 04 | block |</c>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="block">The block acknowledged (0 acknowledges a WRQ or an OACK).</param>
    /// <param name="written">Bytes written (4).</param>
    /// <returns>False on a short destination.</returns>
    public static bool TryWriteAck(Span<byte> destination, ushort block, out int written)
    {
        written = 0;
        if (destination.Length < 4)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Ack);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        written = 4;
        return true;
    }

    /// <summary>Writes an ERROR: <c>| 05 | code | message | 0 |</c>. Non-ASCII characters become '?'.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="code">The error code.</param>
    /// <param name="message">A short message for people.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>False on a short destination.</returns>
    public static bool TryWriteError(Span<byte> destination, TftpErrorCode code, ReadOnlySpan<char> message, out int written)
    {
        written = 0;
        if (destination.Length < 4 + message.Length + 1)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Error);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)code);
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            destination[4 + i] = c is >= ' ' and <= '~' ? (byte)c : (byte)'?';
        }

        destination[4 + message.Length] = 0;
        written = 4 + message.Length + 1;
        return true;
    }

    /// <summary>Writes an OACK with the present options (RFC 2347). An empty option set is refused.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="options">The options acknowledged.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>False on a short destination or an empty option set.</returns>
    public static bool TryWriteOptionAck(Span<byte> destination, in TftpOptions options, out int written)
    {
        written = 0;
        if (options.IsEmpty || destination.Length < 2 || !options.TryWrite(destination[2..], out var optionBytes))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.OptionAck);
        written = 2 + optionBytes;
        return true;
    }
}
