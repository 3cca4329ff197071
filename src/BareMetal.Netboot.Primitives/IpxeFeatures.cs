namespace BareMetal.Netboot;

/// <summary>
/// The features an iPXE build announces in DHCP option 175 (its encapsulated options 175.16 to 175.63,
/// <c>DHCP_EB_FEATURE_*</c> in iPXE's <c>src/include/ipxe/features.h</c>). Each flag's bit number is the
/// sub-option code, so a code iPXE adds later still has a bit (<see cref="IpxeFeatureOption"/> keeps it).
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

    /// <summary>175.36: EFI image format (an iPXE EFI build).</summary>
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
