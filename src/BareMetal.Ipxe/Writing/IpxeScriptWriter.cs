using System.Buffers;
using System.Text;

namespace BareMetal.Ipxe;

/// <summary>
/// Writes a script model back to text: one physical line per logical line, <c>:label</c> first, tokens and
/// separators joined by single spaces, the comment verbatim, LF line ends. Reading the output gives a
/// model equal to the input (<see cref="IpxeScript.ContentEquals"/>). Tokens are written as they are: a
/// model that came from <see cref="IpxeScriptReader"/> or the <c>Create</c> methods only holds valid tokens.
/// </summary>
public static class IpxeScriptWriter
{
    /// <summary>Writes the script as UTF-8 into <paramref name="writer"/>.</summary>
    public static void Write(IpxeScript script, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in script.Lines)
        {
            WriteLine(line, writer);
        }
    }

    /// <summary>Writes the script as a string.</summary>
    public static string Write(IpxeScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var buffer = new ArrayBufferWriter<byte>();
        Write(script, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one line (with its LF) as UTF-8 into <paramref name="writer"/>.</summary>
    public static void WriteLine(IpxeLine line, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(writer);
        var state = new LineWriter(writer);
        if (line.Label is { } label)
        {
            state.Part(":", label.Span);
        }

        foreach (var command in line.Commands)
        {
            foreach (var token in command.Tokens)
            {
                state.Part(default, token.Span);
            }

            switch (command.Separator)
            {
                case IpxeSeparator.Or:
                    state.Part(default, "||");
                    break;
                case IpxeSeparator.And:
                    state.Part(default, "&&");
                    break;
                case IpxeSeparator.Semicolon:
                    state.Part(default, ";");
                    break;
            }
        }

        if (line.Comment is { } comment)
        {
            state.Part(default, comment.Span);
        }

        // A line whose last character is a backslash would join the next line (process_script()):
        // a trailing space keeps it a line of its own.
        if (state.EndsWithBackslash)
        {
            state.Raw(" ");
        }

        state.Raw("\n");
    }

    /// <summary>Writes one line (without its LF) as a string.</summary>
    public static string WriteLine(IpxeLine line)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteLine(line, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    private ref struct LineWriter(IBufferWriter<byte> writer)
    {
        private bool _any;

        public bool EndsWithBackslash { get; private set; }

        public void Part(ReadOnlySpan<char> prefix, ReadOnlySpan<char> text)
        {
            if (_any)
            {
                Raw(" ");
            }

            Raw(prefix);
            Raw(text);
            _any = true;
            EndsWithBackslash = text.EndsWith('\\') || (text.IsEmpty && prefix.EndsWith('\\'));
        }

        public readonly void Raw(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return;
            }

            var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            writer.Advance(Encoding.UTF8.GetBytes(text, span));
        }
    }
}
