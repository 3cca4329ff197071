namespace BareMetal.Ipxe;

/// <summary>An option given to a command, matched against the command's definition as iPXE's getopt matches it.</summary>
public sealed class IpxeOption : IEquatable<IpxeOption>
{
    internal IpxeOption(IpxeOptionDefinition definition, IpxeToken token, IpxeToken? value)
    {
        Definition = definition;
        Token = token;
        Value = value;
    }

    /// <summary>The option's definition.</summary>
    public IpxeOptionDefinition Definition { get; }

    /// <summary>The long name (<c>timeout</c> for both <c>--timeout</c> and <c>-t</c>).</summary>
    public string Name => Definition.LongName;

    /// <summary>The token the option was written in (<c>--timeout=500</c>, <c>-t</c>, <c>-at</c>).</summary>
    public IpxeToken Token { get; }

    /// <summary>The value, if any (inline or the next token).</summary>
    public IpxeToken? Value { get; }

    /// <inheritdoc/>
    public bool Equals(IpxeOption? other) =>
        other is not null && Definition.LongName == other.Definition.LongName && Nullable.Equals(Value, other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IpxeOption);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Definition.LongName, Value);

    /// <inheritdoc/>
    public override string ToString() => Value is { } v ? $"--{Name}={v}" : $"--{Name}";
}
