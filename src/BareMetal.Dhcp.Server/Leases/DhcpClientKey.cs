using System.Buffers.Binary;
using System.Text;

namespace BareMetal.Dhcp.Server.Leases;

/// <summary>
/// Identifies a DHCP client the way RFC 2131 §4.2 asks: by its client identifier (option 61) when it sends one,
/// else by its hardware type and address (htype, chaddr). A fixed-size value: the first 32 bytes are kept as they
/// are and any longer remainder as a stable 64-bit FNV-1a hash, so keys compare and hash without allocating.
/// </summary>
public readonly struct DhcpClientKey : IEquatable<DhcpClientKey>
{
    /// <summary>The size of <see cref="WriteTo"/>'s encoding.</summary>
    public const int EncodedLength = 42;

    private const int InlineBytes = 32;
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;
    private readonly ulong _tail;
    private readonly byte _length;
    private readonly DhcpClientKeyKind _kind;

    private DhcpClientKey(DhcpClientKeyKind kind, ReadOnlySpan<byte> bytes)
    {
        _kind = kind;
        _length = (byte)Math.Min(bytes.Length, 255);
        Span<byte> inline = stackalloc byte[InlineBytes];
        inline.Clear();
        bytes[..Math.Min(bytes.Length, InlineBytes)].CopyTo(inline);
        _a = BinaryPrimitives.ReadUInt64BigEndian(inline);
        _b = BinaryPrimitives.ReadUInt64BigEndian(inline[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(inline[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(inline[24..]);
        _tail = bytes.Length > InlineBytes ? Fnv1a(bytes[InlineBytes..]) : 0;
    }

    private DhcpClientKey(DhcpClientKeyKind kind, byte length, ulong a, ulong b, ulong c, ulong d, ulong tail)
    {
        (_kind, _length, _a, _b, _c, _d, _tail) = (kind, length, a, b, c, d, tail);
    }

    /// <summary>How the client was identified; <see cref="DhcpClientKeyKind.None"/> for the default value.</summary>
    public DhcpClientKeyKind Kind => _kind;

    /// <summary>True for the default value, which identifies nobody (used for declined addresses).</summary>
    public bool IsEmpty => _kind == DhcpClientKeyKind.None;

    /// <summary>A key from a client identifier (option 61, RFC 2132 §9.14).</summary>
    public static DhcpClientKey FromClientIdentifier(ReadOnlySpan<byte> clientIdentifier) =>
        new(DhcpClientKeyKind.ClientIdentifier, clientIdentifier);

    /// <summary>A key from the hardware type and the first hlen bytes of chaddr.</summary>
    public static DhcpClientKey FromHardwareAddress(byte hardwareType, ReadOnlySpan<byte> hardwareAddress)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = hardwareType;
        var length = Math.Min(hardwareAddress.Length, 16);
        hardwareAddress[..length].CopyTo(bytes[1..]);
        return new DhcpClientKey(DhcpClientKeyKind.HardwareAddress, bytes[..(length + 1)]);
    }

    /// <summary>Writes the fixed <see cref="EncodedLength"/>-byte encoding used by the lease journal.</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)_kind;
        destination[1] = _length;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[10..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[18..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[26..], _d);
        BinaryPrimitives.WriteUInt64BigEndian(destination[34..], _tail);
    }

    /// <summary>Reads the encoding written by <see cref="WriteTo"/>; false when the kind byte is unknown.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out DhcpClientKey key)
    {
        key = default;
        if (source.Length < EncodedLength || source[0] > (byte)DhcpClientKeyKind.HardwareAddress)
        {
            return false;
        }

        key = new DhcpClientKey(
            (DhcpClientKeyKind)source[0],
            source[1],
            BinaryPrimitives.ReadUInt64BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[10..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[18..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[26..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[34..]));
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(DhcpClientKey other) =>
        _kind == other._kind && _length == other._length && _a == other._a && _b == other._b
        && _c == other._c && _d == other._d && _tail == other._tail;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DhcpClientKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_kind, _length, _a, _b, _c, _d, _tail);

    /// <summary>Compares two keys.</summary>
    public static bool operator ==(DhcpClientKey left, DhcpClientKey right) => left.Equals(right);

    /// <summary>Compares two keys.</summary>
    public static bool operator !=(DhcpClientKey left, DhcpClientKey right) => !left.Equals(right);

    /// <summary><c>id:01:52:54:00:12:34:56</c> or <c>hw:01:52:54:00:12:34:56</c> (htype first); longer identifiers end with <c>…#hash</c>.</summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "(none)";
        }

        Span<byte> inline = stackalloc byte[InlineBytes];
        BinaryPrimitives.WriteUInt64BigEndian(inline, _a);
        BinaryPrimitives.WriteUInt64BigEndian(inline[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(inline[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(inline[24..], _d);
        var text = new StringBuilder(_kind == DhcpClientKeyKind.ClientIdentifier ? "id:" : "hw:");
        for (var i = 0; i < Math.Min((int)_length, InlineBytes); i++)
        {
            text.Append(i == 0 ? "" : ":").Append(inline[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (_length > InlineBytes)
        {
            text.Append("…#").Append(_tail.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}

/// <summary>How a <see cref="DhcpClientKey"/> identifies its client.</summary>
public enum DhcpClientKeyKind : byte
{
    /// <summary>Nobody (the default value).</summary>
    None = 0,

    /// <summary>By the client identifier option (61).</summary>
    ClientIdentifier = 1,

    /// <summary>By hardware type and chaddr.</summary>
    HardwareAddress = 2,
}
