namespace BareMetal.Ipxe;

/// <summary>
/// The character rules of iPXE's script grammar and validation of text before it is written as tokens.
/// iPXE splits a command line on whitespace with no quoting (<c>split_command()</c> in
/// <c>src/core/exec.c</c>), so a value that holds a separator cannot be escaped: it is rejected.
/// </summary>
public static class IpxeSyntax
{
    /// <summary>
    /// Whether iPXE treats the character as whitespace: C <c>isspace()</c> in iPXE's own libc
    /// (<c>src/include/ctype.h</c>): space, tab, LF, vertical tab, form feed and CR.
    /// </summary>
    public static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

    /// <summary>Whether the byte is iPXE whitespace (see <see cref="IsSpace(char)"/>).</summary>
    public static bool IsSpace(byte b) => b == (byte)' ' || (b >= (byte)'\t' && b <= (byte)'\r');

    /// <summary>
    /// Checks that <paramref name="text"/> is read back by iPXE as exactly one token with the same text.
    /// Setting references such as <c>${net0/mac}</c> are allowed (iPXE expands them at run time).
    /// </summary>
    public static IpxeTokenError ValidateArgument(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return IpxeTokenError.Empty;
        }

        if (text[0] == '#')
        {
            return IpxeTokenError.LeadingHash;
        }

        // command_terminator() in src/core/exec.c: these whole tokens end a command.
        if (text.SequenceEqual("||") || text.SequenceEqual("&&") || text.SequenceEqual(";"))
        {
            return IpxeTokenError.Separator;
        }

        var referenceOpen = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' || c == '\n')
            {
                return IpxeTokenError.LineBreak;
            }

            if (IsSpace(c))
            {
                return IpxeTokenError.Whitespace;
            }

            if (c < ' ' || c == '\x7f')
            {
                return IpxeTokenError.ControlCharacter;
            }

            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                referenceOpen = true;
            }
            else if (c == '}')
            {
                referenceOpen = false;
            }
        }

        return referenceOpen ? IpxeTokenError.UnterminatedReference : IpxeTokenError.None;
    }

    /// <summary>
    /// Checks a literal value (a host name, a profile value): like <see cref="ValidateArgument"/>, and it
    /// must not contain <c>${</c>, which iPXE would expand instead of passing through.
    /// </summary>
    public static IpxeTokenError ValidateLiteral(ReadOnlySpan<char> text)
    {
        var error = ValidateArgument(text);
        if (error != IpxeTokenError.None)
        {
            return error;
        }

        return text.Contains("${", StringComparison.Ordinal) ? IpxeTokenError.SettingReference : IpxeTokenError.None;
    }

    /// <summary>
    /// Checks that iPXE can fetch <paramref name="uri"/>: one valid token; an absolute URI has a scheme that
    /// iPXE registers a <c>uri_opener</c> for, and network schemes name a host. Relative URIs (resolved by
    /// iPXE against the script's own URI) and URIs that start with a setting reference are accepted.
    /// </summary>
    public static IpxeUriError ValidateUri(ReadOnlySpan<char> uri) => ValidateUri(uri, out _);

    /// <summary>As <see cref="ValidateUri(ReadOnlySpan{char})"/>, also returning the scheme (lowercase, empty when relative or unknown).</summary>
    public static IpxeUriError ValidateUri(ReadOnlySpan<char> uri, out IpxeUriScheme scheme)
    {
        scheme = IpxeUriScheme.None;
        var tokenError = ValidateArgument(uri);
        if (tokenError != IpxeTokenError.None || uri[0] == '-')
        {
            return IpxeUriError.InvalidToken;
        }

        // A scheme ends at the first ':' that comes before any '/', '?' or '#' (RFC 3986 section 3.1).
        var colon = uri.IndexOfAny(':', '/', '?');
        if (colon <= 0 || uri[colon] != ':')
        {
            return IpxeUriError.None;
        }

        var name = uri[..colon];
        if (name.Contains("${", StringComparison.Ordinal))
        {
            return IpxeUriError.None;
        }

        if (!char.IsAsciiLetter(name[0]))
        {
            return IpxeUriError.MalformedScheme;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.' && c != '_')
            {
                return IpxeUriError.MalformedScheme;
            }
        }

        scheme = IpxeUriSchemes.Parse(name);
        if (scheme == IpxeUriScheme.None)
        {
            return IpxeUriError.UnsupportedScheme;
        }

        if (IpxeUriSchemes.NeedsHost(scheme))
        {
            var rest = uri[(colon + 1)..];
            if (!rest.StartsWith("//", StringComparison.Ordinal) || rest.Length == 2 || rest[2] == '/')
            {
                return IpxeUriError.MissingHost;
            }
        }

        return IpxeUriError.None;
    }

    /// <summary>A sentence that says what is wrong with a token and how to fix it.</summary>
    public static string Describe(IpxeTokenError error) => error switch
    {
        IpxeTokenError.None => "the value is a valid iPXE token",
        IpxeTokenError.Empty => "the value is empty; iPXE cannot express an empty argument, leave the argument out instead",
        IpxeTokenError.Whitespace => "the value contains whitespace, which splits it into several arguments (iPXE has no quoting); remove the whitespace or pass the parts as separate arguments",
        IpxeTokenError.LineBreak => "the value contains a line break, which ends the iPXE command; remove CR and LF",
        IpxeTokenError.ControlCharacter => "the value contains a control character; remove it",
        IpxeTokenError.LeadingHash => "the value starts with '#', which iPXE reads as a comment; remove or move the '#'",
        IpxeTokenError.Separator => "the value is '||', '&&' or ';', which iPXE reads as a command separator; use the builder's Or(), And() or Then() instead",
        IpxeTokenError.LeadingDash => "the value starts with '-' where iPXE parses options, so it would be read as an option; put the value after a positional argument or remove the '-'",
        IpxeTokenError.TrailingBackslash => "the value ends with '\\' at the end of a line, which iPXE reads as a line continuation; remove the trailing backslash",
        IpxeTokenError.UnterminatedReference => "the value contains '${' without a closing '}'; close the setting reference",
        IpxeTokenError.SettingReference => "the literal value contains '${', which iPXE would expand as a setting reference; remove the '${'",
        _ => "the value is not a valid iPXE token",
    };

    /// <summary>A sentence that says what is wrong with a URI and how to fix it.</summary>
    public static string Describe(IpxeUriError error) => error switch
    {
        IpxeUriError.None => "iPXE can fetch the URI",
        IpxeUriError.InvalidToken => "the URI is not a single iPXE token (empty, whitespace, a leading '#' or '-', or a separator); percent-encode spaces as %20",
        IpxeUriError.UnsupportedScheme => "iPXE has no opener for this URI scheme; use http, https, tftp, ftp, nfs, file or data (iscsi, aoe, fcp, ib_srp for SAN)",
        IpxeUriError.MissingHost => "the URI has no host; write scheme://host/path",
        IpxeUriError.MalformedScheme => "the URI scheme is malformed; a scheme is letters, digits, '+', '-' and '.' starting with a letter",
        _ => "iPXE cannot fetch the URI",
    };
}
