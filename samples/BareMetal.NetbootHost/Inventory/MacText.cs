using System.Diagnostics.CodeAnalysis;

namespace BareMetal.NetbootHost.Inventory;

/// <summary>
/// The host's one spelling of a MAC address: lowercase hex pairs joined by colons ("52:54:00:12:34:56"),
/// the form iPXE's <c>${mac}</c> expands to and the message of the per-machine token.
/// </summary>
internal static class MacText
{
    /// <summary>Accepts colon, hyphen or no separators in any case; returns the canonical form.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? mac)
    {
        mac = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> hex = stackalloc char[12];
        var count = 0;
        foreach (var c in text.Trim())
        {
            if (c is ':' or '-' or '.')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || count == 12)
            {
                return false;
            }

            hex[count++] = char.ToLowerInvariant(c);
        }

        if (count != 12)
        {
            return false;
        }

        mac = string.Create(17, hex.ToArray(), static (dest, src) =>
        {
            for (var i = 0; i < 6; i++)
            {
                dest[i * 3] = src[i * 2];
                dest[(i * 3) + 1] = src[(i * 2) + 1];
                if (i < 5)
                {
                    dest[(i * 3) + 2] = ':';
                }
            }
        });
        return true;
    }
}
