namespace BareMetal.Ipxe;

/// <summary>The firmware platform an iPXE build runs on (iPXE's <c>${platform}</c> setting).</summary>
public enum IpxePlatform
{
    /// <summary>Legacy BIOS (<c>${platform}</c> = <c>pcbios</c>): undionly.kpxe, ipxe.pxe.</summary>
    Bios = 0,

    /// <summary>UEFI (<c>${platform}</c> = <c>efi</c>): snponly.efi, ipxe.efi. Linux kernels need <c>initrd=&lt;name&gt;</c>.</summary>
    Efi = 1,
}
