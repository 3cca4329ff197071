namespace BareMetal.Ipmi;

/// <summary>The boot device selector of Set System Boot Options parameter 5 (IPMI 2.0 §28.13, <c>chassis bootdev</c>).</summary>
public enum IpmiBootDevice
{
    /// <summary>No override.</summary>
    None = 0,

    /// <summary>Force PXE.</summary>
    Pxe,

    /// <summary>Force boot from the default hard drive.</summary>
    Disk,

    /// <summary>Force boot from CD/DVD.</summary>
    Cdrom,

    /// <summary>Force boot into the firmware setup.</summary>
    Bios,
}
