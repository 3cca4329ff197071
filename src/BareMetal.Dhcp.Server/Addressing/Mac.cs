using System.Globalization;

namespace BareMetal.Dhcp.Server.Addressing;

/// <summary>48-bit MAC addresses packed into a <see cref="ulong"/> (first octet highest) for allocation-free keys.</summary>
internal static class Mac
{
    public static ulong Read(ReadOnlySpan<byte> six)
    {
        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            value = (value << 8) | six[i];
        }

        return value;
    }

    public static void Write(Span<byte> destination, ulong mac)
    {
        for (var i = 5; i >= 0; i--)
        {
            destination[i] = (byte)mac;
            mac >>= 8;
        }
    }

    /// <summary>Parses <c>52:54:00:12:34:56</c>, <c>52-54-00-12-34-56</c> or <c>525400123456</c>.</summary>
    public static bool TryParse(string? text, out ulong mac)
    {
        mac = 0;
        if (text is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[6];
        if (!HexBytes.TryParse(text, bytes, out var length) || length != 6)
        {
            return false;
        }

        mac = Read(bytes);
        return true;
    }

    public static string Format(ulong mac)
    {
        Span<byte> bytes = stackalloc byte[6];
        Write(bytes, mac);
        return HexBytes.Format(bytes);
    }
}

/// <summary>Hex byte strings with optional <c>:</c> or <c>-</c> separators, as used for MACs and client identifiers.</summary>
internal static class HexBytes
{
    public static bool TryParse(string text, Span<byte> destination, out int length)
    {
        length = 0;
        var compact = text.Trim().Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (compact.Length == 0 || compact.Length % 2 != 0 || compact.Length / 2 > destination.Length)
        {
            return false;
        }

        for (var i = 0; i < compact.Length / 2; i++)
        {
            if (!byte.TryParse(compact.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out destination[i]))
            {
                return false;
            }
        }

        length = compact.Length / 2;
        return true;
    }

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }

        return string.Create(bytes.Length * 3 - 1, bytes.ToArray(), static (span, b) =>
        {
            const string Digits = "0123456789abcdef";
            for (var i = 0; i < b.Length; i++)
            {
                if (i > 0)
                {
                    span[i * 3 - 1] = ':';
                }

                span[i * 3] = Digits[b[i] >> 4];
                span[i * 3 + 1] = Digits[b[i] & 0xF];
            }
        });
    }
}
