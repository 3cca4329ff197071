using System.Buffers.Binary;

namespace BareMetal.Netboot;

/// <summary>
/// A 48-bit Ethernet MAC address held in a <see cref="ulong"/>; formats as <c>52:54:00:12:34:56</c> (lowercase,
/// colons), the form used in URLs, logs and inventories across this project.
/// </summary>
public readonly struct MacAddress : IEquatable<MacAddress>, ISpanFormattable
{
    /// <summary>The number of bytes in a MAC address.</summary>
    public const int Length = 6;

    /// <summary>Creates an address from its 48-bit value (the first octet in bits 40-47).</summary>
    /// <param name="value">The value; only the low 48 bits are used.</param>
    public MacAddress(ulong value) => Value = value & 0xFFFF_FFFF_FFFFUL;

    /// <summary>The address as a 48-bit value (the first octet in bits 40-47).</summary>
    public ulong Value { get; }

    /// <summary>Reads an address from the first six bytes of <paramref name="source"/>.</summary>
    /// <param name="source">At least six bytes.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> is shorter than six bytes.</exception>
    public static MacAddress Read(ReadOnlySpan<byte> source) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]));

    /// <summary>Writes the six bytes of the address into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least six bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="destination"/> is shorter than six bytes.</exception>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)Value);
    }

    /// <summary>
    /// Parses six hexadecimal octets separated by <c>:</c> or <c>-</c> (<c>52:54:00:12:34:56</c>,
    /// <c>52-54-00-12-34-56</c>) or written without separators (<c>525400123456</c>); case-insensitive.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="address">The address, or the zero address when the text is not a MAC address.</param>
    /// <returns>Whether the text is a MAC address.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress address)
    {
        address = default;
        int step;
        char separator = default;
        if (text.Length == 17)
        {
            step = 3;
            separator = text[2];
            if (separator is not (':' or '-'))
            {
                return false;
            }
        }
        else if (text.Length == 12)
        {
            step = 2;
        }
        else
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            var at = i * step;
            var high = HexValue(text[at]);
            var low = HexValue(text[at + 1]);
            if (high < 0 || low < 0 || (step == 3 && i < 5 && text[at + 2] != separator))
            {
                return false;
            }

            value = (value << 8) | (uint)((high << 4) | low);
        }

        address = new MacAddress(value);
        return true;
    }

    /// <summary>Parses a MAC address such as <c>52:54:00:12:34:56</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The address.</returns>
    /// <exception cref="FormatException">The text is not a MAC address.</exception>
    public static MacAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a MAC address; write six hexadecimal octets such as 52:54:00:12:34:56.");
    }

    /// <summary>Formats as <c>52:54:00:12:34:56</c> into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least 17 characters.</param>
    /// <param name="charsWritten">17, or 0 when the destination is too short.</param>
    /// <returns>Whether the destination was large enough.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (destination.Length < 17)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            var octet = (int)(Value >> (40 - (8 * i))) & 0xFF;
            destination[i * 3] = HexDigit(octet >> 4);
            destination[(i * 3) + 1] = HexDigit(octet & 0xF);
            if (i < 5)
            {
                destination[(i * 3) + 2] = ':';
            }
        }

        charsWritten = 17;
        return true;
    }

    /// <inheritdoc />
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <inheritdoc />
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The address as <c>52:54:00:12:34:56</c> (lowercase, colons).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(17, Value, static (span, value) => new MacAddress(value).TryFormat(span, out _));

    /// <inheritdoc />
    public bool Equals(MacAddress other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Whether two addresses are equal.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(MacAddress left, MacAddress right) => left.Value == right.Value;

    /// <summary>Whether two addresses differ.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MacAddress left, MacAddress right) => left.Value != right.Value;

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
