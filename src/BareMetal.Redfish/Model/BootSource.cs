namespace BareMetal.Redfish;

/// <summary>The <c>BootSourceOverrideTarget</c> values a provisioner uses (ComputerSystem.BootSource in the DMTF schema).</summary>
public enum BootSource
{
    /// <summary>No override: the system's own boot order.</summary>
    None = 0,

    /// <summary>Network boot (PXE).</summary>
    Pxe,

    /// <summary>The first hard disk.</summary>
    Hdd,

    /// <summary>The CD/DVD drive (and virtual media on most BMCs).</summary>
    Cd,

    /// <summary>UEFI HTTP boot.</summary>
    UefiHttp,

    /// <summary>A USB device.</summary>
    Usb,

    /// <summary>The firmware setup.</summary>
    BiosSetup,

    /// <summary>The UEFI shell.</summary>
    UefiShell,
}
