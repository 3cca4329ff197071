namespace BareMetal.Dhcp;

/// <summary>
/// Option 77, user class, in both forms seen on the wire: RFC 3004 §2 (a list of length-prefixed classes) and
/// the plain string iPXE sends (<c>iPXE</c>, or what <c>set user-class</c> chose).
/// </summary>
public static class UserClassReader
{
    /// <summary>
    /// Whether <paramref name="value"/> is a well-formed RFC 3004 list: one or more classes, each a length byte
    /// (at least 1) and that many bytes, filling the value exactly.
    /// </summary>
    /// <param name="value">Option 77's value.</param>
    /// <returns>Whether it parses as RFC 3004.</returns>
    public static bool IsRfc3004(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        var position = 0;
        while (position < value.Length)
        {
            int length = value[position];
            if (length == 0 || position + 1 + length > value.Length)
            {
                return false;
            }

            position += 1 + length;
        }

        return true;
    }

    /// <summary>
    /// Whether the user class names <paramref name="userClass"/>: one of the RFC 3004 classes equals it, or the
    /// whole value equals it (iPXE's plain form). Comparison is byte-exact.
    /// </summary>
    /// <param name="value">Option 77's value.</param>
    /// <param name="userClass">The class to look for, e.g. <c>"iPXE"u8</c>.</param>
    /// <returns>Whether it is there.</returns>
    public static bool Contains(ReadOnlySpan<byte> value, ReadOnlySpan<byte> userClass)
    {
        if (value.SequenceEqual(userClass))
        {
            return true;
        }

        if (!IsRfc3004(value))
        {
            return false;
        }

        var position = 0;
        while (position < value.Length)
        {
            int length = value[position];
            if (value.Slice(position + 1, length).SequenceEqual(userClass))
            {
                return true;
            }

            position += 1 + length;
        }

        return false;
    }

    /// <summary>
    /// The first class: for RFC 3004 form the first list entry, otherwise the whole value (iPXE's plain form).
    /// A value in plain form that happens to parse as RFC 3004 (its first byte a valid length) is read as RFC
    /// 3004: callers comparing with a known name should use <see cref="Contains"/>, which accepts both.
    /// </summary>
    /// <param name="value">Option 77's value.</param>
    /// <returns>The first class.</returns>
    public static ReadOnlySpan<byte> First(ReadOnlySpan<byte> value) =>
        IsRfc3004(value) ? value.Slice(1, value[0]) : value;
}
