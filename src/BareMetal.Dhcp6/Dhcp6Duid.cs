using System.Buffers.Binary;

namespace BareMetal.Dhcp6;

/// <summary>
/// A view of a DHCP Unique Identifier, the value of Client and Server Identifier options (RFC 8415 §11). Known types
/// are validated by <see cref="TryRead"/>; other types are kept as opaque bytes, which RFC 8415 §11 asks of clients
/// and servers alike.
/// </summary>
/// <remarks>
/// <code>
///  DUID-LLT (§11.2)   type=1 (2) | hardware type (2) | time (4) | link-layer address
///  DUID-EN  (§11.3)   type=2 (2) | enterprise number (4) | identifier
///  DUID-LL  (§11.4)   type=3 (2) | hardware type (2) | link-layer address
///  DUID-UUID (RFC 6355 §4) type=4 (2) | UUID (16)
/// </code>
/// </remarks>
public readonly ref struct Dhcp6Duid
{
    /// <summary>The longest DUID: 2 bytes of type and 128 of identifier (RFC 8415 §11.1).</summary>
    public const int MaximumLength = 130;

    /// <summary>The ARP hardware type of Ethernet (RFC 826, IANA "Hardware Types").</summary>
    public const ushort EthernetHardwareType = 1;

    /// <summary>The second DUID-LLT's time counts from: midnight UTC, 1 January 2000 (RFC 8415 §11.2).</summary>
    public static readonly DateTimeOffset TimeEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Dhcp6Duid(ReadOnlySpan<byte> bytes) => Bytes = bytes;

    /// <summary>The whole DUID, type included.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The DUID type.</summary>
    public Dhcp6DuidType Type => (Dhcp6DuidType)BinaryPrimitives.ReadUInt16BigEndian(Bytes);

    /// <summary>The hardware type of DUID-LLT and DUID-LL (1 for Ethernet); 0 for other types.</summary>
    public ushort HardwareType => Type is Dhcp6DuidType.LinkLayerPlusTime or Dhcp6DuidType.LinkLayer ? BinaryPrimitives.ReadUInt16BigEndian(Bytes[2..]) : (ushort)0;

    /// <summary>DUID-LLT's time, seconds since <see cref="TimeEpoch"/> modulo 2^32; 0 for other types.</summary>
    public uint Time => Type == Dhcp6DuidType.LinkLayerPlusTime ? BinaryPrimitives.ReadUInt32BigEndian(Bytes[4..]) : 0;

    /// <summary>The link-layer address of DUID-LLT and DUID-LL; empty for other types.</summary>
    public ReadOnlySpan<byte> LinkLayerAddress => Type switch
    {
        Dhcp6DuidType.LinkLayerPlusTime => Bytes[8..],
        Dhcp6DuidType.LinkLayer => Bytes[4..],
        _ => default,
    };

    /// <summary>DUID-EN's IANA private enterprise number; 0 for other types.</summary>
    public uint EnterpriseNumber => Type == Dhcp6DuidType.EnterpriseNumber ? BinaryPrimitives.ReadUInt32BigEndian(Bytes[2..]) : 0;

    /// <summary>DUID-EN's identifier; empty for other types.</summary>
    public ReadOnlySpan<byte> EnterpriseIdentifier => Type == Dhcp6DuidType.EnterpriseNumber ? Bytes[6..] : default;

    /// <summary>DUID-UUID's UUID, read in the network order RFC 4122 §4.1.2 defines; <see cref="Guid.Empty"/> for other types.</summary>
    public Guid Uuid => Type == Dhcp6DuidType.Uuid ? new Guid(Bytes[2..], bigEndian: true) : Guid.Empty;

    /// <summary>The Ethernet MAC address in a DUID-LL or DUID-LLT of hardware type 1 with a 6-byte address.</summary>
    /// <param name="address">The MAC address.</param>
    /// <returns>Whether the DUID carries one.</returns>
    public bool TryGetMacAddress(out MacAddress address)
    {
        var linkLayer = LinkLayerAddress;
        if (HardwareType == EthernetHardwareType && linkLayer.Length == MacAddress.Length)
        {
            address = MacAddress.Read(linkLayer);
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>Validates a DUID: 3-130 bytes, and the layout of the four known types.</summary>
    /// <param name="bytes">The option value.</param>
    /// <param name="duid">The view, or <c>default</c>.</param>
    /// <returns>Whether the bytes are a valid DUID.</returns>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out Dhcp6Duid duid)
    {
        duid = default;

        // RFC 8415 §11.1: a 2-byte type and 1 to 128 bytes of identifier.
        if (bytes.Length is < 3 or > MaximumLength)
        {
            return false;
        }

        var valid = (Dhcp6DuidType)BinaryPrimitives.ReadUInt16BigEndian(bytes) switch
        {
            Dhcp6DuidType.LinkLayerPlusTime => bytes.Length > 8, // type, hardware type, time, then an address
            Dhcp6DuidType.EnterpriseNumber => bytes.Length > 6, // type, enterprise number, then an identifier
            Dhcp6DuidType.LinkLayer => bytes.Length > 4, // type, hardware type, then an address
            Dhcp6DuidType.Uuid => bytes.Length == 18, // RFC 6355 §4: exactly 16 bytes of UUID
            _ => true,
        };
        if (valid)
        {
            duid = new Dhcp6Duid(bytes);
        }

        return valid;
    }

    /// <summary>Writes a DUID-LL for an Ethernet MAC address (RFC 8415 §11.4): 10 bytes.</summary>
    /// <param name="address">The MAC address.</param>
    /// <param name="destination">The buffer.</param>
    /// <param name="written">The bytes written, or 0.</param>
    /// <returns>Whether it fitted.</returns>
    public static bool TryWriteLinkLayer(MacAddress address, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < 10)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Dhcp6DuidType.LinkLayer);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], EthernetHardwareType);
        address.WriteTo(destination[4..]);
        written = 10;
        return true;
    }

    /// <summary>Writes a DUID-LLT for an Ethernet MAC address (RFC 8415 §11.2): 14 bytes.</summary>
    /// <param name="address">The MAC address.</param>
    /// <param name="time">Seconds since <see cref="TimeEpoch"/>, modulo 2^32.</param>
    /// <param name="destination">The buffer.</param>
    /// <param name="written">The bytes written, or 0.</param>
    /// <returns>Whether it fitted.</returns>
    public static bool TryWriteLinkLayerPlusTime(MacAddress address, uint time, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < 14)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Dhcp6DuidType.LinkLayerPlusTime);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], EthernetHardwareType);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], time);
        address.WriteTo(destination[8..]);
        written = 14;
        return true;
    }

    /// <summary>Writes a DUID-EN (RFC 8415 §11.3).</summary>
    /// <param name="enterpriseNumber">The IANA private enterprise number.</param>
    /// <param name="identifier">1 to 124 bytes.</param>
    /// <param name="destination">The buffer.</param>
    /// <param name="written">The bytes written, or 0.</param>
    /// <returns>Whether the identifier's length is valid and it fitted.</returns>
    public static bool TryWriteEnterprise(uint enterpriseNumber, ReadOnlySpan<byte> identifier, Span<byte> destination, out int written)
    {
        written = 0;
        var length = 6 + identifier.Length;
        if (identifier.IsEmpty || length > MaximumLength || destination.Length < length)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Dhcp6DuidType.EnterpriseNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], enterpriseNumber);
        identifier.CopyTo(destination[6..]);
        written = length;
        return true;
    }

    /// <summary>Writes a DUID-UUID (RFC 6355 §4): 18 bytes, the UUID in network order.</summary>
    /// <param name="uuid">The UUID.</param>
    /// <param name="destination">The buffer.</param>
    /// <param name="written">The bytes written, or 0.</param>
    /// <returns>Whether it fitted.</returns>
    public static bool TryWriteUuid(Guid uuid, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < 18)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Dhcp6DuidType.Uuid);
        uuid.TryWriteBytes(destination[2..], bigEndian: true, out _);
        written = 18;
        return true;
    }
}
