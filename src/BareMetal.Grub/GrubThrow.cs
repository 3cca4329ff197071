using System.Diagnostics.CodeAnalysis;

namespace BareMetal.Grub;

/// <summary>Throw helpers, kept out of line so that the builder's paths stay small.</summary>
internal static class GrubThrow
{
    [DoesNotReturn]
    public static void InvalidText(string parameter, GrubTextError error, ReadOnlySpan<char> value) =>
        throw new ArgumentException($"'{Shorten(value)}' cannot be written into a GRUB configuration: {GrubSyntax.Describe(error)}.", parameter);

    [DoesNotReturn]
    public static void Invalid(string parameter, string message) =>
        throw new ArgumentException(message, parameter);

    [DoesNotReturn]
    public static void InvalidOperation(string message) =>
        throw new InvalidOperationException(message);

    private static string Shorten(ReadOnlySpan<char> value)
    {
        var shown = value.Length > 80 ? string.Concat(value[..77], "...") : value.ToString();
        var builder = new System.Text.StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            // Control characters are shown escaped so that the message itself stays on one line.
            if (c < ' ' || c == '\x7f')
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
