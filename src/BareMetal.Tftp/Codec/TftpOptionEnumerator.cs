namespace BareMetal.Tftp;

/// <summary>One option of a request or OACK: name and value as sent, without their NULs (RFC 2347).</summary>
public readonly ref struct TftpOption
{
    internal TftpOption(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The option name (compare without case, RFC 2347).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The option value (ASCII).</summary>
    public ReadOnlySpan<byte> Value { get; }
}

/// <summary>Enumerates the <c>name NUL value NUL</c> pairs of a validated option block without allocating.</summary>
public ref struct TftpOptionEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    internal TftpOptionEnumerator(ReadOnlySpan<byte> options)
    {
        _remaining = options;
        Current = default;
    }

    /// <summary>The option at the enumerator's position.</summary>
    public TftpOption Current { get; private set; }

    /// <summary>Returns this enumerator (enables <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly TftpOptionEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next option.</summary>
    /// <returns>False after the last option.</returns>
    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        // Validated at parse time: both NULs exist.
        var nameEnd = _remaining.IndexOf((byte)0);
        var name = _remaining[..nameEnd];
        var rest = _remaining[(nameEnd + 1)..];
        var valueEnd = rest.IndexOf((byte)0);
        Current = new TftpOption(name, rest[..valueEnd]);
        _remaining = rest[(valueEnd + 1)..];
        return true;
    }

    /// <summary>Checks that an option block is a sequence of complete <c>name NUL value NUL</c> pairs.</summary>
    /// <remarks>Trailing NUL padding after the last pair (sent by some PXE ROMs) is tolerated and cut off.</remarks>
    internal static bool Validate(ReadOnlySpan<byte> options, out int length, out TftpParseError error)
    {
        var all = options;
        length = 0;
        while (!options.IsEmpty)
        {
            if (!options.ContainsAnyExcept((byte)0))
            {
                break;
            }

            var nameEnd = options.IndexOf((byte)0);
            if (nameEnd < 0)
            {
                error = TftpParseError.OptionNotTerminated;
                return false;
            }

            if (nameEnd == 0)
            {
                error = TftpParseError.OptionNameEmpty;
                return false;
            }

            var rest = options[(nameEnd + 1)..];
            var valueEnd = rest.IndexOf((byte)0);
            if (valueEnd < 0)
            {
                error = TftpParseError.OptionNotTerminated;
                return false;
            }

            options = rest[(valueEnd + 1)..];
            length = all.Length - options.Length;
        }

        error = TftpParseError.None;
        return true;
    }
}
