namespace BareMetal.Ipxe;

/// <summary>
/// One command of a script line: its tokens (name first) as iPXE splits them, the separator that follows
/// it, and a typed view (definition, options, positional arguments) parsed as iPXE's getopt parses them.
/// Equality compares tokens and separator; positions are ignored.
/// </summary>
public sealed class IpxeCommand : IEquatable<IpxeCommand>
{
    private readonly IpxeToken[] _tokens;
    private readonly IpxeOption[] _options;
    private readonly int _argumentStart;
    private IReadOnlyList<IpxeToken>? _arguments;

    internal IpxeCommand(IpxeToken[] tokens, IpxeSeparator separator, List<IpxeOption>? scratch = null, IpxePosition emptyAt = default)
    {
        _tokens = tokens;
        Separator = separator;
        Position = tokens.Length > 0 ? tokens[0].Position : emptyAt;
        if (tokens.Length == 0)
        {
            _options = [];
            _argumentStart = 0;
            return;
        }

        Definition = IpxeCommandCatalog.Find(tokens[0].Span);
        if (Definition is null)
        {
            _options = [];
            _argumentStart = 1;
            return;
        }

        var result = IpxeOptionParser.Parse(tokens, Definition, scratch);
        _options = result.Options;
        _argumentStart = result.ArgumentStart;
        HasEndOfOptions = result.EndOfOptions;
        OptionError = result.Error;
        OptionErrorToken = result.ErrorTokenIndex >= 0 && result.ErrorTokenIndex < tokens.Length ? tokens[result.ErrorTokenIndex] : null;
    }

    /// <summary>
    /// Creates a command from its name and further tokens (options included, e.g. <c>"--timeout=500"</c>).
    /// Each must be a valid iPXE token (see <see cref="IpxeSyntax.ValidateArgument"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A token would not read back as itself.</exception>
    public static IpxeCommand Create(string name, IpxeSeparator separator = IpxeSeparator.None, params string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tokens);
        IpxeArguments.RequirePositional(name, nameof(name));
        if (name[0] == ':')
        {
            IpxeThrow.Invalid(nameof(name), "A command name cannot start with ':' (iPXE reads it as a label at the start of a line).");
        }

        var all = new IpxeToken[tokens.Length + 1];
        all[0] = new IpxeToken(name);
        for (var i = 0; i < tokens.Length; i++)
        {
            IpxeArguments.RequireToken(tokens[i], nameof(tokens));
            all[i + 1] = new IpxeToken(tokens[i]);
        }

        return new IpxeCommand(all, separator);
    }

    /// <summary>An empty command (no tokens), such as the one after a trailing <c>||</c>; iPXE treats it as success.</summary>
    public static IpxeCommand Empty(IpxeSeparator separator = IpxeSeparator.None) => new([], separator);

    /// <summary>All tokens, the name first.</summary>
    public IReadOnlyList<IpxeToken> Tokens => _tokens;

    /// <summary>Whether the command has no tokens (iPXE: "an empty command is deemed to do nothing, successfully").</summary>
    public bool IsEmpty => _tokens.Length == 0;

    /// <summary>The command name token (default when empty).</summary>
    public IpxeToken Name => _tokens.Length > 0 ? _tokens[0] : default;

    /// <summary>The definition, or null for unknown or empty commands.</summary>
    public IpxeCommandDefinition? Definition { get; }

    /// <summary>The typed kind (<see cref="IpxeCommandKind.Unknown"/> for unknown or empty commands).</summary>
    public IpxeCommandKind Kind => Definition?.Kind ?? IpxeCommandKind.Unknown;

    /// <summary>The options, in order.</summary>
    public IReadOnlyList<IpxeOption> Options => _options;

    /// <summary>The positional arguments after the options (for unknown commands, every token after the name).</summary>
    public IReadOnlyList<IpxeToken> Arguments => _arguments ??= new ArraySegment<IpxeToken>(_tokens, _argumentStart, _tokens.Length - _argumentStart);

    /// <summary>The number of positional arguments.</summary>
    public int ArgumentCount => _tokens.Length - _argumentStart;

    /// <summary>Whether <c>--</c> ended the options.</summary>
    public bool HasEndOfOptions { get; }

    /// <summary>Why iPXE would reject the options or argument count, if it would.</summary>
    public IpxeOptionError OptionError { get; }

    /// <summary>The token the option error is about, when there is one.</summary>
    public IpxeToken? OptionErrorToken { get; }

    /// <summary>What follows the command on its line.</summary>
    public IpxeSeparator Separator { get; }

    /// <summary>
    /// Where the command starts. A read empty command has the position of the separator that ends it, or of the end
    /// of the line's text when it is the last one; a built one has none (default).
    /// </summary>
    public IpxePosition Position { get; }

    /// <summary>The first positional argument (the URI or image of image commands), or null.</summary>
    public IpxeToken? FirstArgument => _argumentStart < _tokens.Length ? _tokens[_argumentStart] : null;

    /// <summary>Finds an option by long name.</summary>
    public IpxeOption? GetOption(string longName)
    {
        foreach (var option in _options)
        {
            if (option.Definition.LongName == longName)
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>Whether the option is present.</summary>
    public bool HasOption(string longName) => GetOption(longName) is not null;

    /// <inheritdoc/>
    public bool Equals(IpxeCommand? other) =>
        other is not null && Separator == other.Separator && _tokens.AsSpan().SequenceEqual(other._tokens);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IpxeCommand);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Separator);
        foreach (var token in _tokens)
        {
            hash.Add(token);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(' ', _tokens) + Separator switch
    {
        IpxeSeparator.Or => " ||",
        IpxeSeparator.And => " &&",
        IpxeSeparator.Semicolon => " ;",
        _ => string.Empty,
    };
}
