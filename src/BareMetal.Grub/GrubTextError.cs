namespace BareMetal.Grub;

/// <summary>Why a text cannot be written into a GRUB configuration, whatever the quoting.</summary>
public enum GrubTextError
{
    /// <summary>The text can be written (quoted where GRUB's lexer needs it).</summary>
    None,

    /// <summary>A name (variable, menu entry id, module) is empty.</summary>
    Empty,

    /// <summary>
    /// The text holds a NUL character. GRUB reads its configuration as C strings, so everything after it would
    /// be lost.
    /// </summary>
    Nul,

    /// <summary>
    /// The text holds a line break, tab or other control character. GRUB would keep a line break inside single
    /// quotes, but no value of a boot configuration (a path, a kernel argument, a title) can hold one: the
    /// kernel command line and GRUB's menu would both show it raw.
    /// </summary>
    ControlCharacter,

    /// <summary>The text holds a lone UTF-16 surrogate, which has no UTF-8 form.</summary>
    InvalidSurrogate,

    /// <summary>
    /// A variable name is not <c>[A-Za-z_][A-Za-z0-9_]*</c> (the NAME rule of GRUB's lexer), so
    /// <c>set NAME=...</c> would not set the variable it names.
    /// </summary>
    InvalidName,
}
