using System.Diagnostics.CodeAnalysis;

namespace BareMetal.Ipxe;

/// <summary>Throw helpers, kept out of line so that the builder's hot paths stay small.</summary>
internal static class IpxeThrow
{
    [DoesNotReturn]
    public static void InvalidToken(string parameter, IpxeTokenError error, ReadOnlySpan<char> value) =>
        throw new ArgumentException($"'{Shorten(value)}' cannot be written as an iPXE argument: {IpxeSyntax.Describe(error)}.", parameter);

    [DoesNotReturn]
    public static void InvalidUri(string parameter, IpxeUriError error, ReadOnlySpan<char> value) =>
        throw new ArgumentException($"'{Shorten(value)}' is not a URI iPXE can fetch: {IpxeSyntax.Describe(error)}.", parameter);

    [DoesNotReturn]
    public static void SeparatorWithoutCommand() =>
        throw new InvalidOperationException("Or(), And() and Then() join two commands: write a command before the separator.");

    [DoesNotReturn]
    public static void OutOfRange(string parameter, string message) =>
        throw new ArgumentOutOfRangeException(parameter, message);

    [DoesNotReturn]
    public static void Invalid(string parameter, string message) =>
        throw new ArgumentException(message, parameter);

    private static string Shorten(ReadOnlySpan<char> value)
    {
        var shown = value.Length > 80 ? string.Concat(value[..77], "...") : value.ToString();
        return shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
