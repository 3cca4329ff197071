using System.Buffers.Binary;

namespace BareMetal.Dhcp;

/// <summary>
/// Option 175, the options iPXE encapsulates (iPXE <c>include/ipxe/dhcp.h</c> and <c>features.h</c>): feature
/// indicators 0x10-0x7f (a non-zero value means the build supports it), the bus id 0xb1 and the version 0xeb.
/// </summary>
public readonly ref struct IpxeEncapsulatedOptions
{
    /// <summary>Sub-option 0xb1, the network device's bus id: bus type (1), then vendor (2) and device (2) for PCI.</summary>
    public const byte BusIdCode = 0xb1;

    /// <summary>Sub-option 0xeb, the iPXE version: major, minor, build.</summary>
    public const byte VersionCode = 0xeb;

    /// <summary>Creates a view over option 175's value.</summary>
    /// <param name="value">The option value.</param>
    public IpxeEncapsulatedOptions(ReadOnlySpan<byte> value) => Value = value;

    /// <summary>The raw option value.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Enumerates the sub-options.</summary>
    /// <returns>An allocation-free enumerator.</returns>
    public DhcpSubOptionEnumerator GetEnumerator() => new(Value, padAndEnd: true);

    /// <summary>
    /// The feature indicators present with a non-zero value, read by the shared option-175 parser
    /// (<see cref="IpxeFeatureOption.ReadAnnounced"/>): flags before a malformed sub-option are kept.
    /// </summary>
    public IpxeFeatures Features => IpxeFeatureOption.ReadAnnounced(Value);

    /// <summary>Sub-option 0xb1, the bus id, raw.</summary>
    /// <param name="value">Bus type (1 = PCI), then type-specific bytes.</param>
    /// <returns>Whether it is present.</returns>
    public bool TryGetBusId(out ReadOnlySpan<byte> value) => DhcpSubOptionEnumerator.TryFind(Value, true, BusIdCode, out value);

    /// <summary>Sub-option 0xb1 for a PCI device: its vendor and device ids.</summary>
    /// <param name="vendorId">The PCI vendor id, e.g. 0x8086.</param>
    /// <param name="deviceId">The PCI device id, e.g. 0x100e.</param>
    /// <returns>Whether the bus id is present and names a PCI device (bus type 1, five bytes).</returns>
    public bool TryGetPciBusId(out ushort vendorId, out ushort deviceId)
    {
        if (TryGetBusId(out var value) && value.Length == 5 && value[0] == 1)
        {
            vendorId = BinaryPrimitives.ReadUInt16BigEndian(value[1..]);
            deviceId = BinaryPrimitives.ReadUInt16BigEndian(value[3..]);
            return true;
        }

        vendorId = deviceId = 0;
        return false;
    }

    /// <summary>Sub-option 0xeb, the iPXE version.</summary>
    /// <param name="major">The major version.</param>
    /// <param name="minor">The minor version.</param>
    /// <param name="build">The build number.</param>
    /// <returns>Whether it is present with three bytes.</returns>
    public bool TryGetVersion(out byte major, out byte minor, out byte build)
    {
        if (DhcpSubOptionEnumerator.TryFind(Value, true, VersionCode, out var value) && value.Length == 3)
        {
            (major, minor, build) = (value[0], value[1], value[2]);
            return true;
        }

        (major, minor, build) = (0, 0, 0);
        return false;
    }
}
