using System.Buffers;
using System.Text;

namespace BareMetal.Ipxe;

/// <summary>
/// Writes an iPXE script straight into an <see cref="IBufferWriter{T}"/> of UTF-8 bytes, with no
/// intermediate strings. Every value is validated against iPXE's grammar before anything of its line is
/// written: iPXE has no quoting, so text that would split a token, end a line, start a comment, act as a
/// separator or be read as an option is rejected with an <see cref="ArgumentException"/> that names the
/// parameter and the fix (see <see cref="IpxeSyntax"/>); it is never escaped.
/// </summary>
/// <remarks>
/// A mutable value type: each method updates the builder and returns it, so both chained calls
/// (<c>b.Kernel(...).Boot()</c>) and statements on one variable work. Do not mix a copy with the original.
/// Commands are ended lazily: <see cref="Or"/>, <see cref="And"/> and <see cref="Then"/> join the next
/// command onto the same line; call <see cref="Complete"/> to end the last line.
/// </remarks>
public partial struct IpxeScriptBuilder
{
    private readonly IBufferWriter<byte> _writer;
    private LineState _state;

    /// <summary>Creates a builder that appends to <paramref name="writer"/>; nothing is written yet.</summary>
    public IpxeScriptBuilder(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _state = LineState.LineStart;
    }

    private enum LineState : byte
    {
        LineStart,
        InLine,
        AfterSeparator,
    }

    /// <summary>Writes the <c>#!ipxe</c> signature line that iPXE's <c>script_probe()</c> requires.</summary>
    public IpxeScriptBuilder Header()
    {
        BeginLine();
        WriteRaw("#!ipxe"u8);
        _state = LineState.InLine;
        return this;
    }

    /// <summary>Writes a comment line <c># text</c>; the text may contain spaces but no line break or trailing backslash.</summary>
    public IpxeScriptBuilder Comment(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c == '\r' || c == '\n')
            {
                IpxeThrow.InvalidToken(nameof(text), IpxeTokenError.LineBreak, text);
            }
        }

        if (text.EndsWith('\\'))
        {
            IpxeThrow.InvalidToken(nameof(text), IpxeTokenError.TrailingBackslash, text);
        }

        BeginLine();
        WriteRaw("#"u8);
        if (!text.IsEmpty)
        {
            WriteRaw(" "u8);
            WriteText(text);
        }

        _state = LineState.InLine;
        return this;
    }

    /// <summary>Writes an empty line.</summary>
    public IpxeScriptBuilder BlankLine()
    {
        BeginLine();
        WriteRaw("\n"u8);
        _state = LineState.LineStart;
        return this;
    }

    /// <summary>Writes a label line <c>:name</c>, a target for <see cref="Goto"/>.</summary>
    public IpxeScriptBuilder Label(ReadOnlySpan<char> name)
    {
        IpxeArguments.RequireLabel(name, nameof(name));
        BeginLine();
        WriteRaw(":"u8);
        WriteText(name);
        _state = LineState.InLine;
        return this;
    }

    /// <summary>Joins the next command with <c>||</c>: it runs only when the previous one failed.</summary>
    public IpxeScriptBuilder Or() => Separator(" ||"u8);

    /// <summary>Joins the next command with <c>&amp;&amp;</c>: it runs only when the previous one succeeded.</summary>
    public IpxeScriptBuilder And() => Separator(" &&"u8);

    /// <summary>Joins the next command with <c>;</c>: it runs whatever the previous result.</summary>
    public IpxeScriptBuilder Then() => Separator(" ;"u8);

    /// <summary>Ends the current line with LF. Call once after the last command.</summary>
    public IpxeScriptBuilder Complete()
    {
        if (_state != LineState.LineStart)
        {
            WriteRaw("\n"u8);
            _state = LineState.LineStart;
        }

        return this;
    }

    private IpxeScriptBuilder Separator(ReadOnlySpan<byte> separator)
    {
        if (_state != LineState.InLine)
        {
            IpxeThrow.SeparatorWithoutCommand();
        }

        WriteRaw(separator);
        _state = LineState.AfterSeparator;
        return this;
    }

    private void BeginLine()
    {
        // A line may end right after a separator: the empty command after it succeeds (execv() in
        // src/core/exec.c), which is the iPXE idiom "iseq a b && goto x ||" for "do not abort the script".
        if (_state != LineState.LineStart)
        {
            WriteRaw("\n"u8);
        }
    }

    /// <summary>Starts a command: a new line, or the same line after a separator.</summary>
    private void BeginCommand(ReadOnlySpan<byte> name)
    {
        if (_state == LineState.InLine)
        {
            WriteRaw("\n"u8);
        }
        else if (_state == LineState.AfterSeparator)
        {
            WriteRaw(" "u8);
        }

        WriteRaw(name);
        _state = LineState.InLine;
    }

    private readonly void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        var span = _writer.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        _writer.Advance(bytes.Length);
    }

    private readonly void WriteText(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = _writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        _writer.Advance(written);
    }

    /// <summary>Writes <c> token</c> (a space, then the already validated token).</summary>
    private readonly void WriteToken(ReadOnlySpan<char> token)
    {
        WriteRaw(" "u8);
        WriteText(token);
    }

    private readonly void WriteFlag(ReadOnlySpan<byte> option)
    {
        WriteRaw(" "u8);
        WriteRaw(option);
    }

    /// <summary>Writes <c> --option value</c>, or <c> --option=value</c> when the value starts with '-'
    /// (iPXE's getopt does not take a separate value that starts with '-').</summary>
    private readonly void WriteOption(ReadOnlySpan<byte> option, ReadOnlySpan<char> value)
    {
        WriteRaw(" "u8);
        WriteRaw(option);
        WriteRaw(value[0] == '-' ? "="u8 : " "u8);
        WriteText(value);
    }

    private readonly void WriteOption(ReadOnlySpan<byte> option, long value)
    {
        WriteRaw(" "u8);
        WriteRaw(option);
        WriteRaw(" "u8);
        WriteInteger(value);
    }

    private readonly void WriteInteger(long value)
    {
        var span = _writer.GetSpan(24);
        value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _writer.Advance(written);
    }

    private readonly void WriteHex(uint value)
    {
        var span = _writer.GetSpan(10);
        span[0] = (byte)'0';
        span[1] = (byte)'x';
        value.TryFormat(span[2..], out var written, "x2", System.Globalization.CultureInfo.InvariantCulture);
        _writer.Advance(written + 2);
    }

    /// <summary>Writes the words of <paramref name="text"/> as tokens separated by single spaces.
    /// iPXE joins a command's trailing arguments with single spaces (<c>concat_args()</c>), so runs of
    /// spaces carry no meaning; the words were validated by <see cref="IpxeArguments.RequireWords"/>.</summary>
    private readonly void WriteWords(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            if (!word.IsEmpty)
            {
                WriteToken(word);
            }
        }
    }
}
