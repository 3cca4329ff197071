using System.Buffers.Binary;

namespace BareMetal.Dhcp6;

/// <summary>
/// Walks the options of one scope (a message, or the inside of an IA, IA Address or IA Prefix) in wire order.
/// Allocation-free; use with <c>foreach</c>. Over validated bytes it never stops early; over anything else it stops
/// at the first option that does not fit.
/// </summary>
public ref struct Dhcp6OptionEnumerator
{
    private readonly ReadOnlySpan<byte> _region;
    private int _position;
    private Dhcp6Option _current;

    internal Dhcp6OptionEnumerator(ReadOnlySpan<byte> region)
    {
        _region = region;
        _position = 0;
        _current = default;
    }

    /// <summary>The option at the current position.</summary>
    public readonly Dhcp6Option Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly Dhcp6OptionEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next option.</summary>
    /// <returns>Whether there is one.</returns>
    public bool MoveNext()
    {
        // RFC 8415 §21.1: option-code (2), option-len (2), option-data (option-len).
        var rest = _region[_position..];
        if (rest.Length < 4)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
        if (rest.Length < 4 + length)
        {
            _position = _region.Length;
            return false;
        }

        _current = new Dhcp6Option((Dhcp6OptionCode)BinaryPrimitives.ReadUInt16BigEndian(rest), rest.Slice(4, length));
        _position += 4 + length;
        return true;
    }

    /// <summary>Finds the first option with <paramref name="code"/> in <paramref name="region"/>.</summary>
    internal static bool TryFind(ReadOnlySpan<byte> region, Dhcp6OptionCode code, out ReadOnlySpan<byte> value)
    {
        foreach (var option in new Dhcp6OptionEnumerator(region))
        {
            if (option.Code == code)
            {
                value = option.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
