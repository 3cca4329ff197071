namespace BareMetal.NetbootHost.Inventory;

/// <summary>
/// The MAC spellings people and iPXE write in URLs and inventory files (colons, hyphens, dots or nothing between the
/// twelve hex digits, any case), read into the one <see cref="MacAddress"/> type. Everything past this edge uses the
/// value; text comes back only where it is shown or stored (<c>52:54:00:12:34:56</c>, what iPXE's <c>${mac}</c> gives).
/// </summary>
internal static class MacText
{
    public static bool TryParse(string? text, out MacAddress mac)
    {
        mac = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> hex = stackalloc char[12];
        var count = 0;
        foreach (var c in text.AsSpan().Trim())
        {
            if (c is ':' or '-' or '.')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || count == 12)
            {
                return false;
            }

            hex[count++] = c;
        }

        return count == 12 && MacAddress.TryParse(hex, out mac);
    }
}
