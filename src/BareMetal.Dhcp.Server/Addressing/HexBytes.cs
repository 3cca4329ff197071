using System.Globalization;

namespace BareMetal.Dhcp.Server.Addressing;

/// <summary>Hex byte strings with optional <c>:</c> or <c>-</c> separators, as configuration writes client identifiers.</summary>
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
}
