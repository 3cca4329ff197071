using System.Buffers.Binary;

namespace BareMetal.Dhcp6;

/// <summary>
/// A list of opaque items, each with a 2-byte length: the layout of User Class (RFC 8415 §21.15), the data of Vendor
/// Class (§21.16) and Boot File Parameters (RFC 5970 §3.2). Allocation-free; use with <c>foreach</c>.
/// </summary>
public ref struct Dhcp6DataList
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ReadOnlySpan<byte> _current;

    /// <summary>Creates a view over encoded items (validate with <see cref="IsWellFormed"/> if they are untrusted).</summary>
    /// <param name="data">The encoded items.</param>
    public Dhcp6DataList(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        _current = default;
    }

    /// <summary>The encoded bytes.</summary>
    public readonly ReadOnlySpan<byte> Data => _data;

    /// <summary>The item at the current position.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Returns a fresh enumerator over the same items (for <c>foreach</c>).</summary>
    /// <returns>The enumerator.</returns>
    public readonly Dhcp6DataList GetEnumerator() => new(_data);

    /// <summary>Advances to the next item; stops at the first one that does not fit.</summary>
    /// <returns>Whether there is one.</returns>
    public bool MoveNext()
    {
        var rest = _data[_position..];
        if (rest.Length < 2 || rest.Length < 2 + BinaryPrimitives.ReadUInt16BigEndian(rest))
        {
            _position = _data.Length;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(rest);
        _current = rest.Slice(2, length);
        _position += 2 + length;
        return true;
    }

    /// <summary>The first item, or empty when there is none.</summary>
    public readonly ReadOnlySpan<byte> First
    {
        get
        {
            var items = GetEnumerator();
            return items.MoveNext() ? items.Current : default;
        }
    }

    /// <summary>Whether one item equals <paramref name="item"/> byte for byte (e.g. <c>"iPXE"u8</c>).</summary>
    /// <param name="item">The item to look for.</param>
    /// <returns>Whether it is present.</returns>
    public readonly bool Contains(ReadOnlySpan<byte> item)
    {
        foreach (var candidate in this)
        {
            if (candidate.SequenceEqual(item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any item starts with <paramref name="prefix"/> (e.g. <c>"PXEClient"u8</c>).</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>Whether one does.</returns>
    public readonly bool AnyStartsWith(ReadOnlySpan<byte> prefix)
    {
        foreach (var candidate in this)
        {
            if (candidate.StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the bytes are a sequence of complete items with nothing left over.</summary>
    /// <param name="data">The encoded items.</param>
    /// <returns>Whether they are well formed.</returns>
    public static bool IsWellFormed(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            if (data.Length < 2 || data.Length < 2 + BinaryPrimitives.ReadUInt16BigEndian(data))
            {
                return false;
            }

            data = data[(2 + BinaryPrimitives.ReadUInt16BigEndian(data))..];
        }

        return true;
    }
}
