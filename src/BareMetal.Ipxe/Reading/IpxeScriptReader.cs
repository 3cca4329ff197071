using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace BareMetal.Ipxe;

/// <summary>
/// Reads iPXE scripts exactly as iPXE does (<c>process_script()</c> in <c>src/image/script.c</c>,
/// <c>system()</c> in <c>src/core/exec.c</c>):
/// lines end at LF, one trailing CR is dropped, a trailing backslash joins the next line (with nothing in
/// between), a NUL ends the line (C strings), leading whitespace then <c>:</c> starts a label that runs to
/// the next whitespace, the rest splits on whitespace with no quoting, a token starting with <c>#</c>
/// starts a comment to the end of the line, and the tokens <c>||</c>, <c>&amp;&amp;</c> and <c>;</c>
/// separate commands. <c>${...}</c> references are kept as written (iPXE expands them at run time).
/// Never throws on untrusted input: every problem becomes a diagnostic.
/// </summary>
public static class IpxeScriptReader
{
    /// <summary>The largest script accepted by <see cref="TryRead(ReadOnlySpan{byte}, out IpxeScript?, out IpxeReadError)"/> (4 MiB).</summary>
    public const int MaxLength = 4 * 1024 * 1024;

    /// <summary>Reads UTF-8 script bytes (invalid sequences become U+FFFD). Always returns a model.</summary>
    public static IpxeScript Read(ReadOnlySpan<byte> utf8) => Read(Encoding.UTF8.GetString(utf8));

    /// <summary>Reads script text. Always returns a model; a missing signature is reported as <see cref="IpxeDiagnosticCode.MissingHeader"/>.</summary>
    public static IpxeScript Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(text).Parse();
    }

    /// <summary>
    /// Reads the bytes only if iPXE would run them as a script: at most <see cref="MaxLength"/> bytes and
    /// the signature present. Consumes nothing and returns false otherwise.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out IpxeScript? script, out IpxeReadError error)
    {
        script = null;
        if (utf8.Length > MaxLength)
        {
            error = IpxeReadError.TooLarge;
            return false;
        }

        // script_probe() in src/image/script.c: 6 bytes of magic and one whitespace byte.
        if (utf8.Length < 7)
        {
            error = IpxeReadError.TooShort;
            return false;
        }

        if (!(utf8.StartsWith("#!ipxe"u8) || utf8.StartsWith("#!gpxe"u8)) || !IpxeSyntax.IsSpace(utf8[6]))
        {
            error = IpxeReadError.MissingSignature;
            return false;
        }

        error = IpxeReadError.None;
        script = Read(utf8);
        return true;
    }

    /// <summary>The signature at the start of <paramref name="text"/>, as <c>script_probe()</c> checks it.</summary>
    public static IpxeHeader DetectHeader(ReadOnlySpan<char> text)
    {
        if (text.Length < 7 || !IpxeSyntax.IsSpace(text[6]))
        {
            return IpxeHeader.None;
        }

        return text.StartsWith("#!ipxe", StringComparison.Ordinal) ? IpxeHeader.Ipxe
            : text.StartsWith("#!gpxe", StringComparison.Ordinal) ? IpxeHeader.Gpxe
            : IpxeHeader.None;
    }

    /// <summary>iPXE's <c>isspace()</c> set.</summary>
    private static readonly System.Buffers.SearchValues<char> Whitespace = System.Buffers.SearchValues.Create(" \t\n\v\f\r");

    private sealed class Parser(string text)
    {
        private readonly List<IpxeLine> _lines = new(Math.Max(4, text.Length / 24));
        private readonly List<IpxeDiagnostic> _diagnostics = [];
        private readonly List<IpxeToken> _tokens = new(16);
        private readonly List<IpxeCommand> _commands = new(4);
        private readonly List<IpxeOption> _options = new(8);
        private readonly List<(int LogicalOffset, int Line, int Column)> _segments = [];
        private int _physicalLine = 1;

        public IpxeScript Parse()
        {
            var header = DetectHeader(text);
            if (header == IpxeHeader.None)
            {
                _diagnostics.Add(new IpxeDiagnostic(
                    IpxeDiagnosticCode.MissingHeader,
                    IpxeSeverity.Error,
                    new IpxePosition(1, 1),
                    "The script does not start with '#!ipxe' and a line break, so iPXE will not run it as a script: add '#!ipxe' as the first line."));
            }

            var offset = 0;
            while (offset < text.Length)
            {
                offset = ReadLogicalLine(offset);
            }

            return new IpxeScript(text, header, [.. _lines], [.. _diagnostics]);
        }

        /// <summary>Assembles one logical line from its physical fragments and parses it; returns the next offset.</summary>
        private int ReadLogicalLine(int offset)
        {
            var startLine = _physicalLine;
            _segments.Clear();
            StringBuilder? joined = null;
            ReadOnlyMemory<char> line;
            while (true)
            {
                var fragmentStart = offset;
                var eol = text.IndexOf('\n', offset);
                var end = eol < 0 ? text.Length : eol;
                var next = end + 1;
                var fragmentEnd = end;

                // Strip one trailing CR, then check for a backslash continuation (process_script()).
                if (fragmentEnd > offset && text[fragmentEnd - 1] == '\r')
                {
                    fragmentEnd--;
                }

                var continues = fragmentEnd > offset && text[fragmentEnd - 1] == '\\';
                if (continues)
                {
                    fragmentEnd--;
                }

                if (joined is null && !continues)
                {
                    line = text.AsMemory(offset, fragmentEnd - offset);
                    _segments.Add((0, _physicalLine, 1));
                    _physicalLine++;
                    offset = next;
                    break;
                }

                joined ??= new StringBuilder();
                _segments.Add((joined.Length, _physicalLine, 1));
                joined.Append(text, offset, fragmentEnd - offset);
                _physicalLine++;
                offset = next;
                if (!continues)
                {
                    line = joined.ToString().AsMemory();
                    break;
                }

                if (offset >= text.Length)
                {
                    // The loop in process_script() ends before this line is processed; the script fails.
                    _diagnostics.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.ContinuationAtEnd,
                        IpxeSeverity.Error,
                        new IpxePosition(_physicalLine - 1, fragmentEnd - fragmentStart + 1),
                        "The last line ends with a backslash, so iPXE waits for a continuation that never comes: it never runs this line and the script fails. Remove the trailing backslash."));
                    return offset;
                }
            }

            ParseLine(line, startLine);
            return offset;
        }

        private IpxePosition PositionOf(int logicalOffset)
        {
            var segment = _segments[0];
            for (var i = 1; i < _segments.Count && _segments[i].LogicalOffset <= logicalOffset; i++)
            {
                segment = _segments[i];
            }

            return new IpxePosition(segment.Line, logicalOffset - segment.LogicalOffset + segment.Column);
        }

        private void ParseLine(ReadOnlyMemory<char> line, int startLine)
        {
            var span = line.Span;

            // The line is a C string from here on: a NUL ends it.
            var nul = span.IndexOf('\0');
            if (nul >= 0)
            {
                _diagnostics.Add(new IpxeDiagnostic(
                    IpxeDiagnosticCode.NulCharacter,
                    IpxeSeverity.Warning,
                    PositionOf(nul),
                    "The line contains a NUL character; iPXE ignores everything after it on this line. Remove the NUL."));
                line = line[..nul];
                span = line.Span;
            }

            var i = 0;
            while (i < span.Length && IpxeSyntax.IsSpace(span[i]))
            {
                i++;
            }

            IpxeToken? label = null;
            if (i < span.Length && span[i] == ':')
            {
                var start = ++i;
                while (i < span.Length && !IpxeSyntax.IsSpace(span[i]))
                {
                    i++;
                }

                label = new IpxeToken(line[start..i], PositionOf(start));
            }

            // split_command() and command_terminator() in src/core/exec.c.
            _tokens.Clear();
            _commands.Clear();
            IpxeToken? comment = null;
            while (true)
            {
                while (i < span.Length && IpxeSyntax.IsSpace(span[i]))
                {
                    i++;
                }

                if (i >= span.Length)
                {
                    break;
                }

                var start = i;
                if (span[i] == '#')
                {
                    // iPXE ignores the comment; trailing whitespace (a stray CR) carries nothing and is dropped.
                    var end = span.Length;
                    while (end > start && IpxeSyntax.IsSpace(span[end - 1]))
                    {
                        end--;
                    }

                    comment = new IpxeToken(line[start..end], PositionOf(start));
                    break;
                }

                var length = span[i..].IndexOfAny(Whitespace);
                i = length < 0 ? span.Length : i + length;
                var token = span[start..i];
                var separator = token.Length switch
                {
                    1 when token[0] == ';' => IpxeSeparator.Semicolon,
                    2 when token[0] == '|' && token[1] == '|' => IpxeSeparator.Or,
                    2 when token[0] == '&' && token[1] == '&' => IpxeSeparator.And,
                    _ => IpxeSeparator.None,
                };
                if (separator != IpxeSeparator.None)
                {
                    // An empty command (" ; echo") is placed at the separator that ends it.
                    AddCommand(separator, PositionOf(start));
                    continue;
                }

                _tokens.Add(new IpxeToken(line[start..i], PositionOf(start)));
            }

            // After a separator the (possibly empty) last command always exists; a line with no tokens has none.
            if (_tokens.Count > 0 || _commands.Count > 0)
            {
                // An empty last command ("chain x ||") is placed where the line's text ends.
                AddCommand(IpxeSeparator.None, PositionOf(i));
            }

            _lines.Add(new IpxeLine(new IpxePosition(startLine, 1), _physicalLine - startLine, label, [.. _commands], comment));
        }

        private void AddCommand(IpxeSeparator separator, IpxePosition end)
        {
            var command = new IpxeCommand([.. _tokens], separator, _options, end);
            _tokens.Clear();
            _commands.Add(command);
            if (command.OptionError != IpxeOptionError.None)
            {
                _diagnostics.Add(IpxeCommandDiagnostics.ForOptionError(command));
            }
        }
    }
}
