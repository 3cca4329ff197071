using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace BareMetal.Dhcp6;

/// <summary>
/// An IPv6 address as a 16-byte value type (two 64-bit halves in network order), so readers and engines compare and
/// store addresses without <see cref="IPAddress"/> objects. Formats per RFC 5952 without allocating.
/// </summary>
public readonly struct Ipv6Address : IEquatable<Ipv6Address>, ISpanFormattable
{
    /// <summary>The size of an address on the wire.</summary>
    public const int Length = 16;

    /// <summary>Creates an address from its two halves (network order: <paramref name="high"/> holds bytes 0-7).</summary>
    /// <param name="high">Bytes 0-7 as a big-endian number.</param>
    /// <param name="low">Bytes 8-15 as a big-endian number.</param>
    public Ipv6Address(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>The unspecified address <c>::</c>.</summary>
    public static Ipv6Address Unspecified => default;

    /// <summary>Bytes 0-7 as a big-endian number.</summary>
    public ulong High { get; }

    /// <summary>Bytes 8-15 as a big-endian number.</summary>
    public ulong Low { get; }

    /// <summary>Whether this is <c>::</c>.</summary>
    public bool IsUnspecified => High == 0 && Low == 0;

    /// <summary>Whether this is a link-local unicast address, <c>fe80::/10</c> (RFC 4291 §2.5.6).</summary>
    public bool IsLinkLocal => (High >> 54) == 0x3FA;

    /// <summary>Whether this is a multicast address, <c>ff00::/8</c> (RFC 4291 §2.7).</summary>
    public bool IsMulticast => (High >> 56) == 0xFF;

    /// <summary>Reads 16 bytes in network order.</summary>
    /// <param name="source">At least 16 bytes.</param>
    /// <returns>The address.</returns>
    public static Ipv6Address Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt64BigEndian(source[8..]));

    /// <summary>Writes the 16 bytes in network order.</summary>
    /// <param name="destination">At least 16 bytes.</param>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>Converts from <see cref="IPAddress"/>.</summary>
    /// <param name="address">An IPv6 address (the scope id is dropped).</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv6.</exception>
    public static Ipv6Address FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"'{address}' is not an IPv6 address.", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[Length];
        address.TryWriteBytes(bytes, out _);
        return Read(bytes);
    }

    /// <summary>Converts to <see cref="IPAddress"/> (allocates).</summary>
    /// <returns>The address.</returns>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        return new IPAddress(bytes);
    }

    /// <summary>Parses any textual IPv6 form (RFC 4291 §2.2), without a zone index.</summary>
    /// <param name="text">The text.</param>
    /// <param name="address">The address, or <c>::</c>.</param>
    /// <returns>Whether the text is an IPv6 address.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv6Address address)
    {
        address = default;
        if (text.Contains('%') || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = FromIPAddress(parsed);
        return true;
    }

    /// <summary>Parses an IPv6 address.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The address.</returns>
    /// <exception cref="FormatException">The text is not an IPv6 address.</exception>
    public static Ipv6Address Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IPv6 address.");

    /// <summary>
    /// Formats in the RFC 5952 §4 canonical form: lower case, no leading zeros, the longest run of two or more zero
    /// groups (the first of equal runs) as <c>::</c>. IPv4-mapped addresses are written in hex like the rest.
    /// </summary>
    /// <param name="destination">At least 39 characters always suffice.</param>
    /// <param name="charsWritten">The characters written.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 4; i++)
        {
            groups[i] = (ushort)(High >> (48 - (16 * i)));
            groups[i + 4] = (ushort)(Low >> (48 - (16 * i)));
        }

        // RFC 5952 §4.2.2-4.2.3: compress the longest run of at least two zero groups, the first when tied.
        int bestStart = -1, bestLength = 1;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < 8 && groups[i] == 0)
            {
                i++;
            }

            if (i - start > bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        charsWritten = 0;
        var position = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                if (!Put(destination, ref position, ':') || (i == 0 && !Put(destination, ref position, ':')))
                {
                    return false;
                }

                i += bestLength - 1;
                continue;
            }

            // RFC 5952 §4.1 / §4.3: no leading zeros, lower-case hex.
            if (!groups[i].TryFormat(destination[position..], out var written, "x", provider: null))
            {
                return false;
            }

            position += written;
            if (i < 7 && !Put(destination, ref position, ':'))
            {
                return false;
            }
        }

        charsWritten = position;
        return true;
    }

    private static bool Put(Span<char> destination, ref int position, char c)
    {
        if (position >= destination.Length)
        {
            return false;
        }

        destination[position++] = c;
        return true;
    }

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The RFC 5952 text form.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        Span<char> text = stackalloc char[39];
        TryFormat(text, out var written);
        return new string(text[..written]);
    }

    /// <inheritdoc/>
    public bool Equals(Ipv6Address other) => High == other.High && Low == other.Low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Ipv6Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <summary>Compares two addresses.</summary>
    /// <param name="left">One address.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Ipv6Address left, Ipv6Address right) => left.Equals(right);

    /// <summary>Compares two addresses.</summary>
    /// <param name="left">One address.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Ipv6Address left, Ipv6Address right) => !left.Equals(right);
}
