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

    /// <summary>The feature indicators present with a non-zero value.</summary>
    public IpxeFeatures Features
    {
        get
        {
            // A direct walk of the code-length-value bytes (the classifier's hot path): pad 0 skipped, end 255
            // or a length past the value stops it, like DhcpSubOptionEnumerator.
            var features = IpxeFeatures.None;
            var data = Value;
            var position = 0;
            while (position + 1 < data.Length)
            {
                var code = data[position];
                if (code == 0)
                {
                    position++;
                    continue;
                }

                int length = data[position + 1];
                if (code == 255 || position + 2 + length > data.Length)
                {
                    break;
                }

                if (code is >= 0x10 and <= 0x2f && length > 0 && data[position + 2] != 0)
                {
                    features |= (IpxeFeatures)(1u << (code - 0x10));
                }

                position += 2 + length;
            }

            return features;
        }
    }

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

/// <summary>iPXE feature indicators (option 175 sub-options 0x10-0x2f; bit n is sub-option 0x10 + n).</summary>
[Flags]
public enum IpxeFeatures : uint
{
    /// <summary>No feature reported.</summary>
    None = 0,

    /// <summary>0x10: PXE API extensions.</summary>
    PxeExtensions = 1u << 0x00,

    /// <summary>0x11: iSCSI.</summary>
    Iscsi = 1u << 0x01,

    /// <summary>0x12: AoE.</summary>
    Aoe = 1u << 0x02,

    /// <summary>0x13: HTTP.</summary>
    Http = 1u << 0x03,

    /// <summary>0x14: HTTPS.</summary>
    Https = 1u << 0x04,

    /// <summary>0x15: TFTP.</summary>
    Tftp = 1u << 0x05,

    /// <summary>0x16: FTP.</summary>
    Ftp = 1u << 0x06,

    /// <summary>0x17: DNS.</summary>
    Dns = 1u << 0x07,

    /// <summary>0x18: Linux bzImage.</summary>
    BzImage = 1u << 0x08,

    /// <summary>0x19: Multiboot.</summary>
    Multiboot = 1u << 0x09,

    /// <summary>0x1a: SLAM.</summary>
    Slam = 1u << 0x0a,

    /// <summary>0x1b: SRP.</summary>
    Srp = 1u << 0x0b,

    /// <summary>0x20: NBI images.</summary>
    Nbi = 1u << 0x10,

    /// <summary>0x21: PXE images.</summary>
    Pxe = 1u << 0x11,

    /// <summary>0x22: ELF images.</summary>
    Elf = 1u << 0x12,

    /// <summary>0x23: COMBOOT images.</summary>
    Comboot = 1u << 0x13,

    /// <summary>0x24: EFI images (an iPXE EFI build).</summary>
    Efi = 1u << 0x14,

    /// <summary>0x25: FCoE.</summary>
    Fcoe = 1u << 0x15,

    /// <summary>0x26: VLAN.</summary>
    Vlan = 1u << 0x16,

    /// <summary>0x27: menus.</summary>
    Menu = 1u << 0x17,

    /// <summary>0x28: SDI images.</summary>
    Sdi = 1u << 0x18,

    /// <summary>0x29: NFS.</summary>
    Nfs = 1u << 0x19,
}
