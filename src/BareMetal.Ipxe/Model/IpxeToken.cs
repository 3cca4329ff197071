namespace BareMetal.Ipxe;

/// <summary>
/// One whitespace-delimited token of a script line, as iPXE's <c>split_command()</c> produces it, before
/// setting expansion. Equality compares the text only: positions are where the token was read, not part of
/// its meaning.
/// </summary>
public readonly struct IpxeToken : IEquatable<IpxeToken>
{
    /// <summary>Creates a token from text (position unknown).</summary>
    public IpxeToken(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Value = text.AsMemory();
    }

    internal IpxeToken(ReadOnlyMemory<char> value, IpxePosition position)
    {
        Value = value;
        Position = position;
    }

    /// <summary>The token's characters (a view of the script text; no copy).</summary>
    public ReadOnlyMemory<char> Value { get; }

    /// <summary>The token's characters as a span.</summary>
    public ReadOnlySpan<char> Span => Value.Span;

    /// <summary>The token as a new string.</summary>
    public string Text => Value.ToString();

    /// <summary>Where the token starts (default when built in code).</summary>
    public IpxePosition Position { get; }

    /// <summary>Whether the token holds a setting reference (<c>${...}</c>), so its run-time value is not known statically.</summary>
    public bool HasReferences => Span.Contains("${", StringComparison.Ordinal);

    /// <summary>Whether the token's text equals <paramref name="text"/> (ordinal).</summary>
    public bool Is(ReadOnlySpan<char> text) => Span.SequenceEqual(text);

    /// <summary>The setting references in the token, innermost first, as iPXE's <c>expand_settings()</c> finds them.</summary>
    public IReadOnlyList<IpxeSettingReference> GetReferences() => IpxeSettingReference.Parse(this);

    /// <inheritdoc/>
    public bool Equals(IpxeToken other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpxeToken other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => string.GetHashCode(Span, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Compares token texts.</summary>
    public static bool operator ==(IpxeToken left, IpxeToken right) => left.Equals(right);

    /// <summary>Compares token texts.</summary>
    public static bool operator !=(IpxeToken left, IpxeToken right) => !left.Equals(right);
}
