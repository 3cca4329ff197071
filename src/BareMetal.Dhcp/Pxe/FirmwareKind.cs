namespace BareMetal.Dhcp;

/// <summary>What kind of network-boot firmware sent a request, as <see cref="PxeClassifier"/> sees it.</summary>
public enum FirmwareKind
{
    /// <summary>Not a network-boot client (an operating system's DHCP client, a BOOTP client, a relay...).</summary>
    NotPxe = 0,

    /// <summary>PXE in a PC BIOS or other non-UEFI firmware (vendor class <c>PXEClient</c>, non-UEFI architecture).</summary>
    LegacyPxe,

    /// <summary>UEFI PXE (vendor class <c>PXEClient</c>, UEFI architecture in option 93).</summary>
    UefiPxe,

    /// <summary>UEFI HTTP boot (vendor class <c>HTTPClient</c>, UEFI spec §24.7): expects a URL as boot file.</summary>
    UefiHttp,

    /// <summary>iPXE with its default user class <c>iPXE</c> (or option 175 and no user class).</summary>
    Ipxe,

    /// <summary>iPXE (option 175) with a user class other than <c>iPXE</c>, set by an embedded script or build.</summary>
    IpxeCustomUserClass,
}
