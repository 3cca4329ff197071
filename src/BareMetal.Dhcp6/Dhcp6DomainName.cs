using System.Text;

namespace BareMetal.Dhcp6;

/// <summary>
/// DNS names as DHCPv6 carries them: the RFC 1035 §3.1 label encoding without compression (RFC 8415 §10), used by
/// the Domain Search List (RFC 3646 §4). Encoded names end with the root label (a zero byte).
/// </summary>
public static class Dhcp6DomainName
{
    /// <summary>The longest encoded name (RFC 1035 §2.3.4).</summary>
    public const int MaximumEncodedLength = 255;

    /// <summary>The longest label (RFC 1035 §2.3.4).</summary>
    public const int MaximumLabelLength = 63;

    /// <summary>
    /// Encodes a name such as <c>lab.example</c> (a trailing dot is allowed) as length-prefixed labels and the root.
    /// </summary>
    /// <param name="name">ASCII labels separated by dots; no empty labels.</param>
    /// <param name="destination">The buffer.</param>
    /// <param name="written">The bytes written, or 0.</param>
    /// <returns>Whether the name is valid and fitted.</returns>
    public static bool TryEncode(ReadOnlySpan<char> name, Span<byte> destination, out int written)
    {
        written = 0;
        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.IsEmpty || name.Length + 2 > MaximumEncodedLength || destination.Length < name.Length + 2)
        {
            return false;
        }

        var position = 0;
        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.IsEmpty || label.Length > MaximumLabelLength || !Ascii.IsValid(label) || label.Contains(' '))
            {
                return false;
            }

            destination[position] = (byte)label.Length;
            Encoding.ASCII.GetBytes(label, destination[(position + 1)..]);
            position += 1 + label.Length;
        }

        destination[position++] = 0;
        written = position;
        return true;
    }

    /// <summary>Measures the first encoded name in <paramref name="encoded"/>.</summary>
    /// <param name="encoded">Encoded names.</param>
    /// <param name="length">The first name's encoded length, root label included.</param>
    /// <returns>Whether the first name is complete and valid: labels of 1-63 bytes (no compression pointers), at most 255 bytes.</returns>
    public static bool TryMeasure(ReadOnlySpan<byte> encoded, out int length)
    {
        length = 0;
        var position = 0;
        while (position < encoded.Length && position < MaximumEncodedLength)
        {
            int label = encoded[position];
            if (label == 0)
            {
                length = position + 1;
                return true;
            }

            // RFC 1035 §4.1.4 pointers (top bits 11) and the reserved 01/10 forms are not allowed here (RFC 8415 §10).
            if (label > MaximumLabelLength || position + 1 + label > encoded.Length)
            {
                return false;
            }

            position += 1 + label;
        }

        return false;
    }

    /// <summary>Whether <paramref name="encoded"/> is a sequence of complete, valid names (RFC 3646 §4).</summary>
    /// <param name="encoded">The option value.</param>
    /// <returns>Whether it is well formed.</returns>
    public static bool IsValidList(ReadOnlySpan<byte> encoded)
    {
        while (!encoded.IsEmpty)
        {
            if (!TryMeasure(encoded, out var length))
            {
                return false;
            }

            encoded = encoded[length..];
        }

        return true;
    }

    /// <summary>Writes the first encoded name as dotted text (<c>lab.example</c>, no trailing dot).</summary>
    /// <param name="encoded">Encoded names.</param>
    /// <param name="destination">The text buffer.</param>
    /// <param name="charsWritten">The characters written.</param>
    /// <param name="bytesConsumed">The encoded bytes the name took.</param>
    /// <returns>Whether the name is valid, printable ASCII without dots inside labels, and fitted.</returns>
    public static bool TryFormat(ReadOnlySpan<byte> encoded, Span<char> destination, out int charsWritten, out int bytesConsumed)
    {
        charsWritten = 0;
        bytesConsumed = 0;
        if (!TryMeasure(encoded, out var length))
        {
            return false;
        }

        var position = 0;
        var written = 0;
        while (encoded[position] != 0)
        {
            var label = encoded.Slice(position + 1, encoded[position]);
            if (written > 0)
            {
                if (written >= destination.Length)
                {
                    return false;
                }

                destination[written++] = '.';
            }

            if (written + label.Length > destination.Length)
            {
                return false;
            }

            foreach (var b in label)
            {
                if (b is < 0x21 or > 0x7E or (byte)'.')
                {
                    return false;
                }

                destination[written++] = (char)b;
            }

            position += 1 + label.Length;
        }

        charsWritten = written;
        bytesConsumed = length;
        return true;
    }
}
