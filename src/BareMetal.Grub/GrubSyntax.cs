namespace BareMetal.Grub;

/// <summary>
/// The word rules of GRUB 2's script lexer (<c>grub-core/script/yylex.l</c>, unchanged in substance from GRUB 2.00
/// to 2.12) and how a literal value is written so that GRUB reads it back as exactly one word with the same text.
/// </summary>
/// <remarks>
/// <para>
/// The lexer builds a word from unquoted characters (its <c>CHAR</c> class: anything but
/// <c>{ } | &amp; $ ; &lt; &gt;</c>, blanks, line breaks, quotes and backslash), single-quoted strings (taken
/// literally, no escape inside), double-quoted strings (where <c>$</c> still expands) and backslash escapes, all
/// concatenated. A word that is exactly a reserved word (<c>if</c>, <c>then</c>, <c>{</c>, <c>[[</c>, ...) is read
/// as that keyword, and a <c>#</c> at the start of a word starts a comment.
/// </para>
/// <para>
/// This class therefore writes a literal bare only when it consists of characters that no rule treats specially —
/// letters, digits and <c>_ . / : , = + - @ % ^ ~ ! ( )</c> (and <c>#</c> past the first character) — and is not a
/// reserved word; <c>* ? [ ]</c> stay quoted because the <c>regexp</c> module, when loaded, expands them as
/// wildcards in unquoted words. Everything else is single-quoted, where GRUB takes every character literally;
/// a single quote inside is written as <c>'\''</c> (close the quote, an escaped quote, open again), which the
/// lexer joins into the same word. No value is ever written inside double quotes, so no value can expand a
/// variable.
/// </para>
/// </remarks>
public static class GrubSyntax
{
    // The keywords of yylex.l that a whole word is read as.
    private static readonly string[] ReservedWords =
    [
        "{", "}", "[[", "]]", "time", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if", "in",
        "select", "then", "until", "while", "function",
    ];

    /// <summary>Whether <paramref name="c"/> can stand unquoted anywhere in a word (see the remarks of <see cref="GrubSyntax"/>).</summary>
    public static bool IsBareCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or ':' or ',' or '=' or '+' or '-' or '@' or '%'
            or '^' or '~' or '!' or '(' or ')';

    /// <summary>Whether GRUB's lexer reads <paramref name="word"/>, written bare, as a keyword instead of a word.</summary>
    public static bool IsReservedWord(ReadOnlySpan<char> word)
    {
        foreach (var reserved in ReservedWords)
        {
            if (word.SequenceEqual(reserved))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks that <paramref name="text"/> can be written as a literal word (quoted as needed).</summary>
    public static GrubTextError ValidateLiteral(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return GrubTextError.Nul;
            }

            if (c < ' ' || c == '\x7f')
            {
                return GrubTextError.ControlCharacter;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return GrubTextError.InvalidSurrogate;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return GrubTextError.InvalidSurrogate;
            }
        }

        return GrubTextError.None;
    }

    /// <summary>
    /// Checks a variable name against the lexer's NAME rule, <c>[A-Za-z_][A-Za-z0-9_]*</c>: only such a name can
    /// be set with <c>set NAME=value</c> and read back as <c>$NAME</c>.
    /// </summary>
    public static GrubTextError ValidateName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return GrubTextError.Empty;
        }

        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return GrubTextError.InvalidName;
        }

        foreach (var c in name[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return GrubTextError.InvalidName;
            }
        }

        return GrubTextError.None;
    }

    /// <summary>Whether a valid literal must be quoted to be read back as one word with the same text.</summary>
    public static bool NeedsQuoting(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] == '#' || IsReservedWord(text))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (!IsBareCharacter(c) && c != '#')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns <paramref name="text"/> as GRUB script text for one word: bare where that reads back the same,
    /// else single-quoted. Throws <see cref="ArgumentException"/> for a text no quoting can carry
    /// (see <see cref="ValidateLiteral"/>).
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = ValidateLiteral(text);
        if (error != GrubTextError.None)
        {
            GrubThrow.InvalidText(nameof(text), error, text);
        }

        if (!NeedsQuoting(text))
        {
            return text;
        }

        return string.Concat("'", text.Replace("'", "'\\''", StringComparison.Ordinal), "'");
    }

    /// <summary>A sentence that explains <paramref name="error"/> and how to fix the value.</summary>
    public static string Describe(GrubTextError error) => error switch
    {
        GrubTextError.None => "the text is valid",
        GrubTextError.Empty => "a name cannot be empty",
        GrubTextError.Nul => "it contains a NUL character, which ends a string in GRUB; remove it",
        GrubTextError.ControlCharacter => "it contains a line break, tab or other control character, which no boot configuration value can hold; remove it",
        GrubTextError.InvalidSurrogate => "it contains a lone UTF-16 surrogate, which has no UTF-8 form",
        GrubTextError.InvalidName => "a GRUB variable name must match [A-Za-z_][A-Za-z0-9_]*",
        _ => "unknown error",
    };
}
