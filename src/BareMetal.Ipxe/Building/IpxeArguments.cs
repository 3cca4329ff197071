namespace BareMetal.Ipxe;

/// <summary>Validation of builder arguments; each method throws <see cref="ArgumentException"/> naming the fix.</summary>
internal static class IpxeArguments
{
    /// <summary>A token in a position where iPXE's getopt may still read it as an option (the first positional argument).</summary>
    public static void RequirePositional(ReadOnlySpan<char> value, string parameter)
    {
        RequireToken(value, parameter);
        if (value[0] == '-')
        {
            IpxeThrow.InvalidToken(parameter, IpxeTokenError.LeadingDash, value);
        }
    }

    /// <summary>A token anywhere (setting references allowed).</summary>
    public static void RequireToken(ReadOnlySpan<char> value, string parameter)
    {
        var error = IpxeSyntax.ValidateArgument(value);
        if (error != IpxeTokenError.None)
        {
            IpxeThrow.InvalidToken(parameter, error, value);
        }
    }

    /// <summary>A token that ends a line: it must not end with a backslash (line continuation).</summary>
    public static void RequireNoTrailingBackslash(ReadOnlySpan<char> value, string parameter)
    {
        if (value.EndsWith('\\'))
        {
            IpxeThrow.InvalidToken(parameter, IpxeTokenError.TrailingBackslash, value);
        }
    }

    /// <summary>An option value: one token (it may start with '-': the builder then writes <c>--opt=value</c>).</summary>
    public static void RequireOptionValue(ReadOnlySpan<char> value, string parameter) => RequireToken(value, parameter);

    /// <summary>A fetchable URI (<see cref="IpxeSyntax.ValidateUri(ReadOnlySpan{char})"/>).</summary>
    public static void RequireUri(ReadOnlySpan<char> value, string parameter)
    {
        var error = IpxeSyntax.ValidateUri(value);
        if (error != IpxeUriError.None)
        {
            IpxeThrow.InvalidUri(parameter, error, value);
        }
    }

    /// <summary>A label name: one token, not starting with '-' (it is a <c>goto</c> argument too).</summary>
    public static void RequireLabel(ReadOnlySpan<char> value, string parameter) => RequirePositional(value, parameter);

    /// <summary>
    /// Free text whose words become separate tokens: each word must be a valid token; CR/LF and tabs are
    /// rejected rather than silently turned into separators. When <paramref name="firstMayBeOption"/> is
    /// false the first word must not start with '-'. The last word must not end with a backslash.
    /// </summary>
    public static void RequireWords(ReadOnlySpan<char> text, string parameter, bool firstMayBeOption)
    {
        var first = true;
        ReadOnlySpan<char> last = default;
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            if (word.IsEmpty)
            {
                continue;
            }

            RequireToken(word, parameter);
            if (first && !firstMayBeOption && word[0] == '-')
            {
                IpxeThrow.InvalidToken(parameter, IpxeTokenError.LeadingDash, word);
            }

            first = false;
            last = word;
        }

        RequireNoTrailingBackslash(last, parameter);
    }

    public static void RequireNonNegative(long value, string parameter)
    {
        if (value < 0)
        {
            IpxeThrow.OutOfRange(parameter, "iPXE parses this value as an unsigned integer; pass zero or more.");
        }
    }
}
