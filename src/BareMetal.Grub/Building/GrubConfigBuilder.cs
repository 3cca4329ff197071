using System.Buffers;
using System.Text;

namespace BareMetal.Grub;

/// <summary>
/// Writes a GRUB 2 configuration (<c>grub.cfg</c>) straight into an <see cref="IBufferWriter{T}"/> of UTF-8 bytes.
/// Every literal value is quoted the way GRUB's script lexer reads it back as one word with the same text (see
/// <see cref="GrubSyntax"/>); text no quoting can carry (NUL, control characters, lone surrogates) is rejected with
/// an <see cref="ArgumentException"/> naming the parameter and the fix, before anything of its line is written.
/// </summary>
/// <remarks>
/// A class, unlike BareMetal.Ipxe's <c>IpxeScriptBuilder</c> struct: the builder tracks open menu entries, and a
/// copied struct would silently lose that nesting between a chain of calls and the variable it started from. One
/// small object per configuration is the price. Each method returns the builder for chaining. A command line is
/// ended lazily, so <see cref="Argument"/> can add words to the command just started; call
/// <see cref="Complete"/> once at the end, which also checks that every <see cref="BeginMenuEntry"/> was closed.
/// </remarks>
public sealed partial class GrubConfigBuilder
{
    private const int IndentWidth = 4;
    private readonly IBufferWriter<byte> _writer;
    private bool _inLine;
    private int _depth;

    /// <summary>Creates a builder that appends to <paramref name="writer"/>; nothing is written yet.</summary>
    public GrubConfigBuilder(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <summary>How many menu entries are open (written with <see cref="BeginMenuEntry"/> and not yet ended).</summary>
    public int Depth => _depth;

    /// <summary>Writes a comment line <c># text</c>.</summary>
    public GrubConfigBuilder Comment(ReadOnlySpan<char> text)
    {
        Require(text, nameof(text));
        StartLine();
        WriteAscii("#");
        if (!text.IsEmpty)
        {
            WriteAscii(" ");
            WriteUtf8(text);
        }

        return this;
    }

    /// <summary>Writes an empty line.</summary>
    public GrubConfigBuilder BlankLine()
    {
        EndLine();
        WriteAscii("\n");
        return this;
    }

    /// <summary>
    /// Starts a command line with <paramref name="name"/>, for a GRUB command this builder has no method for; add
    /// its words with <see cref="Argument"/>. The name must be a bare word that is not a reserved word.
    /// </summary>
    public GrubConfigBuilder Command(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            GrubThrow.InvalidText(nameof(name), GrubTextError.Empty, name);
        }

        if (GrubSyntax.NeedsQuoting(name))
        {
            GrubThrow.Invalid(nameof(name), $"'{name}' is not a GRUB command name: use letters, digits and _ . - only, and not a reserved word such as 'if' or 'for'.");
        }

        StartLine();
        WriteUtf8(name);
        return this;
    }

    /// <summary>Adds one literal word to the command just started, quoted as GRUB needs.</summary>
    public GrubConfigBuilder Argument(ReadOnlySpan<char> value)
    {
        Require(value, nameof(value));
        if (!_inLine)
        {
            GrubThrow.InvalidOperation("Argument() adds a word to a command: start one first (Command(), Linux(), ...).");
        }

        WriteAscii(" ");
        WriteWord(value);
        return this;
    }

    /// <summary>Writes <c>set NAME=VALUE</c> with the value quoted as one literal word.</summary>
    public GrubConfigBuilder Set(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        RequireName(name, nameof(name));
        Require(value, nameof(value));
        StartLine();
        WriteAscii("set ");
        WriteUtf8(name);
        WriteAscii("=");
        // The lexer joins the bare "NAME=" and the quoted value into one word; `set` splits it at the first '='.
        if (!value.IsEmpty)
        {
            WriteWord(value);
        }

        return this;
    }

    /// <summary>
    /// Opens <c>menuentry TITLE --id ID {</c>; the commands written until <see cref="EndMenuEntry"/> are its body,
    /// indented.
    /// </summary>
    public GrubConfigBuilder BeginMenuEntry(ReadOnlySpan<char> title, ReadOnlySpan<char> id = default)
    {
        Require(title, nameof(title));
        Require(id, nameof(id));
        StartLine();
        WriteAscii("menuentry ");
        WriteWord(title);
        if (!id.IsEmpty)
        {
            WriteAscii(" --id ");
            WriteWord(id);
        }

        WriteAscii(" {");
        _depth++;
        return this;
    }

    /// <summary>Closes the menu entry opened last with <c>}</c>.</summary>
    public GrubConfigBuilder EndMenuEntry()
    {
        if (_depth == 0)
        {
            GrubThrow.InvalidOperation("EndMenuEntry() without an open menu entry: call BeginMenuEntry() first.");
        }

        _depth--;
        StartLine();
        WriteAscii("}");
        return this;
    }

    /// <summary>
    /// Ends the last line. Throws <see cref="InvalidOperationException"/> when a menu entry is still open, since
    /// GRUB would refuse the whole file (its parser reports a missing <c>}</c> at the end).
    /// </summary>
    public GrubConfigBuilder Complete()
    {
        if (_depth != 0)
        {
            GrubThrow.InvalidOperation($"{_depth} menu entr{(_depth == 1 ? "y is" : "ies are")} still open: call EndMenuEntry() before Complete().");
        }

        EndLine();
        return this;
    }

    private void StartLine()
    {
        EndLine();
        for (var i = 0; i < _depth * IndentWidth; i++)
        {
            WriteAscii(" ");
        }

        _inLine = true;
    }

    private void EndLine()
    {
        if (_inLine)
        {
            WriteAscii("\n");
            _inLine = false;
        }
    }

    private void WriteWord(ReadOnlySpan<char> value)
    {
        if (!GrubSyntax.NeedsQuoting(value))
        {
            WriteUtf8(value);
            return;
        }

        // Single quotes: GRUB's SQUOTE state copies everything up to the next quote literally. A quote inside the
        // value closes the string, adds an escaped quote (the lexer's ESC rule) and opens a new one; the lexer
        // concatenates the three parts into the same word.
        WriteAscii("'");
        var rest = value;
        int quote;
        while ((quote = rest.IndexOf('\'')) >= 0)
        {
            WriteUtf8(rest[..quote]);
            WriteAscii("'\\''");
            rest = rest[(quote + 1)..];
        }

        WriteUtf8(rest);
        WriteAscii("'");
    }

    private void WriteAscii(string text)
    {
        var span = _writer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _writer.Advance(text.Length);
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = _writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void Require(ReadOnlySpan<char> text, string parameter)
    {
        var error = GrubSyntax.ValidateLiteral(text);
        if (error != GrubTextError.None)
        {
            GrubThrow.InvalidText(parameter, error, text);
        }
    }

    private static void RequireName(ReadOnlySpan<char> name, string parameter)
    {
        var error = GrubSyntax.ValidateName(name);
        if (error != GrubTextError.None)
        {
            GrubThrow.InvalidText(parameter, error, name);
        }
    }
}
