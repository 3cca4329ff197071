namespace BareMetal.Ipxe;

/// <summary>
/// Why a piece of text cannot be written as one iPXE token without changing the meaning of the script.
/// iPXE has no quoting or escaping (<c>src/core/exec.c</c> splits on whitespace only), so the builder
/// rejects such text instead of trying to escape it.
/// </summary>
public enum IpxeTokenError
{
    /// <summary>The text is a valid token.</summary>
    None = 0,

    /// <summary>The text is empty; iPXE cannot express an empty token.</summary>
    Empty,

    /// <summary>The text contains a space, tab, vertical tab or form feed, which would split it into several tokens.</summary>
    Whitespace,

    /// <summary>The text contains CR or LF, which would end the script line.</summary>
    LineBreak,

    /// <summary>The text contains a NUL or another control character.</summary>
    ControlCharacter,

    /// <summary>The text starts with <c>#</c>, which iPXE reads as the start of a comment.</summary>
    LeadingHash,

    /// <summary>The text is <c>||</c>, <c>&amp;&amp;</c> or <c>;</c>, which iPXE reads as a command separator.</summary>
    Separator,

    /// <summary>The text starts with <c>-</c> where iPXE still parses options, so it would be read as an option.</summary>
    LeadingDash,

    /// <summary>The text ends with a backslash at the end of a line, which iPXE reads as a line continuation.</summary>
    TrailingBackslash,

    /// <summary>The text contains <c>${</c> without a closing <c>}</c>.</summary>
    UnterminatedReference,

    /// <summary>The text is a literal value but contains <c>${</c>, which iPXE would expand as a setting reference.</summary>
    SettingReference,
}
