namespace BareMetal.Ipxe;

/// <summary>
/// The features an iPXE build announces in DHCP option 175 (its encapsulated options 175.16 to 175.41,
/// <c>DHCP_EB_FEATURE_*</c> in iPXE's <c>src/include/ipxe/features.h</c>). Each flag's bit number is the
/// sub-option code.
/// </summary>
[Flags]
public enum IpxeFeatures : ulong
{
    /// <summary>No feature announced.</summary>
    None = 0,

    /// <summary>175.16: PXE API extensions.</summary>
    PxeExtensions = 1UL << 0x10,

    /// <summary>175.17: iSCSI.</summary>
    Iscsi = 1UL << 0x11,

    /// <summary>175.18: AoE.</summary>
    Aoe = 1UL << 0x12,

    /// <summary>175.19: HTTP.</summary>
    Http = 1UL << 0x13,

    /// <summary>175.20: HTTPS.</summary>
    Https = 1UL << 0x14,

    /// <summary>175.21: TFTP.</summary>
    Tftp = 1UL << 0x15,

    /// <summary>175.22: FTP.</summary>
    Ftp = 1UL << 0x16,

    /// <summary>175.23: DNS.</summary>
    Dns = 1UL << 0x17,

    /// <summary>175.24: bzImage (Linux kernel) format.</summary>
    BzImage = 1UL << 0x18,

    /// <summary>175.25: Multiboot format.</summary>
    Multiboot = 1UL << 0x19,

    /// <summary>175.26: SLAM.</summary>
    Slam = 1UL << 0x1a,

    /// <summary>175.27: SRP.</summary>
    Srp = 1UL << 0x1b,

    /// <summary>175.32: NBI format.</summary>
    Nbi = 1UL << 0x20,

    /// <summary>175.33: PXE image format.</summary>
    Pxe = 1UL << 0x21,

    /// <summary>175.34: ELF format.</summary>
    Elf = 1UL << 0x22,

    /// <summary>175.35: COMBOOT format.</summary>
    Comboot = 1UL << 0x23,

    /// <summary>175.36: EFI image format.</summary>
    Efi = 1UL << 0x24,

    /// <summary>175.37: FCoE.</summary>
    Fcoe = 1UL << 0x25,

    /// <summary>175.38: VLAN.</summary>
    Vlan = 1UL << 0x26,

    /// <summary>175.39: menus.</summary>
    Menu = 1UL << 0x27,

    /// <summary>175.40: SDI images.</summary>
    Sdi = 1UL << 0x28,

    /// <summary>175.41: NFS.</summary>
    Nfs = 1UL << 0x29,
}

/// <summary>Why <see cref="IpxeFeatureFlags.TryParse"/> rejected option 175 bytes.</summary>
public enum IpxeFeatureParseError
{
    /// <summary>The bytes were parsed.</summary>
    None = 0,

    /// <summary>A sub-option's length runs past the end of the data.</summary>
    Truncated,
}

/// <summary>Reads <see cref="IpxeFeatures"/> from DHCP option 175 and maps URI schemes to them.</summary>
public static class IpxeFeatureFlags
{
    /// <summary>
    /// Parses the value of DHCP option 175 (a sequence of code, length, value sub-options, RFC 2132
    /// section 2 encoding; pad 0 and end 255 are single bytes). A feature sub-option counts when its first
    /// value byte is non-zero. Other sub-options (priority, version, bus id, ...) are skipped.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> option175, out IpxeFeatures features, out IpxeFeatureParseError error)
    {
        features = IpxeFeatures.None;
        var parsed = IpxeFeatures.None;
        var i = 0;
        while (i < option175.Length)
        {
            var code = option175[i];
            if (code == 0)
            {
                i++;
                continue;
            }

            if (code == 255)
            {
                break;
            }

            if (i + 1 >= option175.Length || i + 2 + option175[i + 1] > option175.Length)
            {
                error = IpxeFeatureParseError.Truncated;
                return false;
            }

            var length = option175[i + 1];
            if (code is >= 0x10 and <= 0x3f && length > 0 && option175[i + 2] != 0)
            {
                parsed |= (IpxeFeatures)(1UL << code);
            }

            i += 2 + length;
        }

        features = parsed;
        error = IpxeFeatureParseError.None;
        return true;
    }

    /// <summary>The feature a URI scheme needs, or <see cref="IpxeFeatures.None"/> when no flag announces it (file, data, multicast TFTP).</summary>
    public static IpxeFeatures Required(IpxeUriScheme scheme) => scheme switch
    {
        IpxeUriScheme.Http => IpxeFeatures.Http,
        IpxeUriScheme.Https => IpxeFeatures.Https,
        IpxeUriScheme.Tftp => IpxeFeatures.Tftp,
        IpxeUriScheme.Ftp => IpxeFeatures.Ftp,
        IpxeUriScheme.Nfs => IpxeFeatures.Nfs,
        IpxeUriScheme.Iscsi => IpxeFeatures.Iscsi,
        IpxeUriScheme.Aoe => IpxeFeatures.Aoe,
        IpxeUriScheme.Fcp => IpxeFeatures.Fcoe,
        IpxeUriScheme.IbSrp => IpxeFeatures.Srp,
        IpxeUriScheme.Slam => IpxeFeatures.Slam,
        _ => IpxeFeatures.None,
    };
}
