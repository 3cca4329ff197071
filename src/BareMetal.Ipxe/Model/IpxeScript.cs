namespace BareMetal.Ipxe;

/// <summary>A script read by <see cref="IpxeScriptReader"/>: its lines and what the reader found.</summary>
public sealed class IpxeScript
{
    private readonly IpxeLine[] _lines;
    private readonly IpxeDiagnostic[] _diagnostics;

    internal IpxeScript(string text, IpxeHeader header, IpxeLine[] lines, IpxeDiagnostic[] diagnostics)
    {
        Text = text;
        Header = header;
        _lines = lines;
        _diagnostics = diagnostics;
    }

    /// <summary>Creates a script model from lines (for writing with <see cref="IpxeScriptWriter"/>).</summary>
    public static IpxeScript Create(IReadOnlyList<IpxeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var array = lines.ToArray();
        var header = array.Length > 0 && array[0].Comment is { } c && array[0].Label is null && array[0].Commands.Count == 0
            ? IpxeScriptReader.DetectHeader(string.Concat(c.Span, "\n"))
            : IpxeHeader.None;
        return new IpxeScript(string.Empty, header, array, []);
    }

    /// <summary>The script text as read (after UTF-8 decoding).</summary>
    public string Text { get; }

    /// <summary>The signature found at the start.</summary>
    public IpxeHeader Header { get; }

    /// <summary>The logical lines, the signature line included (it is a comment to iPXE).</summary>
    public IReadOnlyList<IpxeLine> Lines => _lines;

    /// <summary>Grammar-level findings of the reader (option and argument errors, continuation at the end, NUL, header).</summary>
    public IReadOnlyList<IpxeDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Array.Exists(_diagnostics, d => d.Severity == IpxeSeverity.Error);

    /// <summary>Every non-empty command, in order.</summary>
    public IEnumerable<IpxeCommand> Commands
    {
        get
        {
            foreach (var line in _lines)
            {
                foreach (var command in line.Commands)
                {
                    if (!command.IsEmpty)
                    {
                        yield return command;
                    }
                }
            }
        }
    }

    /// <summary>The first line labelled <paramref name="label"/> (the one iPXE's <c>goto</c> finds), or null.</summary>
    public IpxeLine? FindLabel(ReadOnlySpan<char> label)
    {
        foreach (var line in _lines)
        {
            if (line.Label is { } l && l.Is(label))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>Whether both scripts have equal lines (labels, commands, comments; positions ignored).</summary>
    public bool ContentEquals(IpxeScript? other) => other is not null && _lines.AsSpan().SequenceEqual(other._lines);
}
