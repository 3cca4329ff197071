namespace BareMetal.Dhcp;

/// <summary>
/// Walks code-length-value sub-options inside an encapsulating option (43, 82, 175). Never reads past the
/// value: a sub-option whose length overruns it ends the walk and sets <see cref="IsMalformed"/>.
/// </summary>
public ref struct DhcpSubOptionEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _padAndEnd;
    private int _position;
    private DhcpSubOption _current;

    /// <summary>Creates an enumerator over an encapsulated option's value.</summary>
    /// <param name="data">The encapsulating option's value.</param>
    /// <param name="padAndEnd">
    /// Whether codes 0 (pad, no length) and 255 (end) have their RFC 2132 meaning, as in option 43 (RFC 2132 §8.4)
    /// and option 175; RFC 3046 relay sub-options (option 82) have no such codes.
    /// </param>
    public DhcpSubOptionEnumerator(ReadOnlySpan<byte> data, bool padAndEnd)
    {
        _data = data;
        _padAndEnd = padAndEnd;
        _position = 0;
        _current = default;
        IsMalformed = false;
    }

    /// <summary>The sub-option at the current position.</summary>
    public readonly DhcpSubOption Current => _current;

    /// <summary>Whether the walk stopped at a sub-option whose length runs past the end of the value.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly DhcpSubOptionEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next sub-option.</summary>
    /// <returns>Whether there is one.</returns>
    public bool MoveNext()
    {
        while (_position < _data.Length)
        {
            var code = _data[_position];
            if (_padAndEnd && code == 0)
            {
                _position++;
                continue;
            }

            if (_padAndEnd && code == 255)
            {
                _position = _data.Length;
                return false;
            }

            if (_position + 1 >= _data.Length || _position + 2 + _data[_position + 1] > _data.Length)
            {
                IsMalformed = true;
                _position = _data.Length;
                return false;
            }

            int length = _data[_position + 1];
            _current = new DhcpSubOption(code, _data.Slice(_position + 2, length));
            _position += 2 + length;
            return true;
        }

        return false;
    }

    /// <summary>Finds the first sub-option <paramref name="code"/> in <paramref name="data"/>.</summary>
    /// <param name="data">The encapsulating option's value.</param>
    /// <param name="padAndEnd">Whether 0 and 255 are pad and end (see the constructor).</param>
    /// <param name="code">The sub-option code.</param>
    /// <param name="value">Its value, or empty.</param>
    /// <returns>Whether it is present.</returns>
    public static bool TryFind(ReadOnlySpan<byte> data, bool padAndEnd, byte code, out ReadOnlySpan<byte> value)
    {
        foreach (var sub in new DhcpSubOptionEnumerator(data, padAndEnd))
        {
            if (sub.Code == code)
            {
                value = sub.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}

/// <summary>One sub-option of an encapsulating option.</summary>
public readonly ref struct DhcpSubOption
{
    /// <summary>Creates a sub-option view.</summary>
    /// <param name="code">The sub-option code.</param>
    /// <param name="value">Its value bytes.</param>
    public DhcpSubOption(byte code, ReadOnlySpan<byte> value)
    {
        Code = code;
        Value = value;
    }

    /// <summary>The sub-option code.</summary>
    public byte Code { get; }

    /// <summary>The value bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
