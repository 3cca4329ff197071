using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BareMetal.Dhcp;

/// <summary>
/// An IPv4 address as a 32-bit value in host order (192.0.2.1 is <c>0xC0000201</c>): a small value type for hot
/// paths, where <see cref="IPAddress"/> would allocate.
/// </summary>
public readonly struct Ipv4Address : IEquatable<Ipv4Address>, ISpanFormattable
{
    /// <summary>The unspecified address 0.0.0.0.</summary>
    public static readonly Ipv4Address Any;

    /// <summary>The limited broadcast address 255.255.255.255.</summary>
    public static readonly Ipv4Address Broadcast = new(0xFFFFFFFFu);

    /// <summary>Creates an address from its 32-bit value in host order (the first octet in the high byte).</summary>
    /// <param name="value">The address, e.g. <c>0xC0000201</c> for 192.0.2.1.</param>
    public Ipv4Address(uint value) => Value = value;

    /// <summary>Creates an address from its four octets, most significant first.</summary>
    /// <param name="a">The first octet.</param>
    /// <param name="b">The second octet.</param>
    /// <param name="c">The third octet.</param>
    /// <param name="d">The fourth octet.</param>
    public Ipv4Address(byte a, byte b, byte c, byte d) => Value = ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    /// <summary>The address as a 32-bit value in host order (the first octet in the high byte).</summary>
    public uint Value { get; }

    /// <summary>Whether this is 0.0.0.0.</summary>
    public bool IsUnspecified => Value == 0;

    /// <summary>Reads an address from the first four bytes of <paramref name="source"/> (network order).</summary>
    /// <param name="source">At least four bytes.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> is shorter than four bytes.</exception>
    public static Ipv4Address Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    /// <summary>Writes the address into the first four bytes of <paramref name="destination"/> (network order).</summary>
    /// <param name="destination">At least four bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="destination"/> is shorter than four bytes.</exception>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <summary>Converts an <see cref="IPAddress"/> of the IPv4 family.</summary>
    /// <param name="address">An IPv4 address (an IPv4-mapped IPv6 address is accepted too).</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not an IPv4 address.</exception>
    public static Ipv4Address FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{address}' is not an IPv4 address; pass an address of the InterNetwork family.", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return Read(bytes);
    }

    /// <summary>Converts to an <see cref="IPAddress"/> (allocates; for the edges of an application).</summary>
    /// <returns>A new <see cref="IPAddress"/>.</returns>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[4];
        WriteTo(bytes);
        return new IPAddress(bytes);
    }

    /// <summary>Parses dotted-decimal text such as <c>192.0.2.1</c> (exactly four decimal octets).</summary>
    /// <param name="text">The text.</param>
    /// <param name="address">The address, or <see cref="Any"/> when the text is not an address.</param>
    /// <returns>Whether the text is a dotted-decimal IPv4 address.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Address address)
    {
        address = default;
        uint value = 0;
        var octets = 0;
        var i = 0;
        while (octets < 4)
        {
            var start = i;
            uint octet = 0;
            while (i < text.Length && i - start < 3 && char.IsAsciiDigit(text[i]))
            {
                octet = (octet * 10) + (uint)(text[i] - '0');
                i++;
            }

            if (i == start || octet > 255)
            {
                return false;
            }

            value = (value << 8) | octet;
            octets++;
            if (octets < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        address = new Ipv4Address(value);
        return true;
    }

    /// <summary>Parses dotted-decimal text such as <c>192.0.2.1</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The address.</returns>
    /// <exception cref="FormatException">The text is not a dotted-decimal IPv4 address.</exception>
    public static Ipv4Address Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not an IPv4 address; write four decimal octets such as 192.0.2.1.");
    }

    /// <summary>Formats the address as dotted-decimal text into <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to write (15 characters always suffice).</param>
    /// <param name="charsWritten">How many characters were written.</param>
    /// <returns>Whether <paramref name="destination"/> was large enough.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        var position = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            var octet = (byte)(Value >> shift);
            if (!octet.TryFormat(destination[position..], out var n, default, CultureInfo.InvariantCulture))
            {
                return false;
            }

            position += n;
            if (shift > 0)
            {
                if (position >= destination.Length)
                {
                    return false;
                }

                destination[position++] = '.';
            }
        }

        charsWritten = position;
        return true;
    }

    /// <inheritdoc />
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <inheritdoc />
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The dotted-decimal text, e.g. <c>192.0.2.1</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        Span<char> text = stackalloc char[15];
        TryFormat(text, out var written);
        return new string(text[..written]);
    }

    /// <inheritdoc />
    public bool Equals(Ipv4Address other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Ipv4Address other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)Value;

    /// <summary>Whether two addresses are equal.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Ipv4Address left, Ipv4Address right) => left.Value == right.Value;

    /// <summary>Whether two addresses differ.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Ipv4Address left, Ipv4Address right) => left.Value != right.Value;
}
