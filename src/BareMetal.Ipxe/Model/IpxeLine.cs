namespace BareMetal.Ipxe;

/// <summary>
/// One logical script line (physical lines joined by trailing backslashes): an optional <c>:label</c>, the
/// commands split at <c>||</c>, <c>&amp;&amp;</c> and <c>;</c>, and an optional trailing comment. Equality
/// compares label, commands and comment; positions are ignored.
/// </summary>
public sealed class IpxeLine : IEquatable<IpxeLine>
{
    private readonly IpxeCommand[] _commands;

    internal IpxeLine(IpxePosition position, int physicalLineCount, IpxeToken? label, IpxeCommand[] commands, IpxeToken? comment)
    {
        Position = position;
        PhysicalLineCount = physicalLineCount;
        Label = label;
        _commands = commands;
        Comment = comment;
    }

    /// <summary>Creates a line from its parts.</summary>
    /// <exception cref="ArgumentException">The label is not a valid token, or the comment does not start with '#' or holds a line break.</exception>
    public static IpxeLine Create(string? label = null, IReadOnlyList<IpxeCommand>? commands = null, string? comment = null)
    {
        if (label is not null)
        {
            IpxeArguments.RequireToken(label, nameof(label));
        }

        if (comment is not null && (!comment.StartsWith('#') || comment.AsSpan().ContainsAny('\r', '\n') || comment.Contains('\0', StringComparison.Ordinal)))
        {
            IpxeThrow.Invalid(nameof(comment), "A comment starts with '#' and holds no line break or NUL: prefix it with '#' and keep it on one line.");
        }

        return new IpxeLine(default, 1, label is null ? null : new IpxeToken(label), commands?.ToArray() ?? [], comment is null ? null : new IpxeToken(comment));
    }

    /// <summary>Where the line starts.</summary>
    public IpxePosition Position { get; }

    /// <summary>How many physical lines the logical line spans (more than 1 with backslash continuations).</summary>
    public int PhysicalLineCount { get; }

    /// <summary>The label (without the colon), if the line starts with <c>:label</c>.</summary>
    public IpxeToken? Label { get; }

    /// <summary>The commands, in order (none for blank, comment-only and label-only lines).</summary>
    public IReadOnlyList<IpxeCommand> Commands => _commands;

    /// <summary>The trailing comment from its '#' to the end of the line, if any.</summary>
    public IpxeToken? Comment { get; }

    /// <summary>Whether the line has no label, no commands and no comment.</summary>
    public bool IsBlank => Label is null && _commands.Length == 0 && Comment is null;

    /// <summary>Whether the line runs at least one non-empty command.</summary>
    public bool HasCommands
    {
        get
        {
            foreach (var command in _commands)
            {
                if (!command.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <inheritdoc/>
    public bool Equals(IpxeLine? other) =>
        other is not null
        && Nullable.Equals(Label, other.Label)
        && Nullable.Equals(Comment, other.Comment)
        && _commands.AsSpan().SequenceEqual(other._commands);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IpxeLine);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Label, Comment, _commands.Length);

    /// <inheritdoc/>
    public override string ToString() => IpxeScriptWriter.WriteLine(this);
}
