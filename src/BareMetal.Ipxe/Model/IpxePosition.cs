namespace BareMetal.Ipxe;

/// <summary>A place in a script: 1-based physical line and 1-based column (in UTF-16 code units of the decoded line).</summary>
/// <param name="Line">The 1-based physical line number.</param>
/// <param name="Column">The 1-based column.</param>
public readonly record struct IpxePosition(int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Line}:{Column}";
}
