namespace BareMetal.Dhcp;

/// <summary>Why <see cref="PxeClassifier"/> decided a message is not a network-boot request.</summary>
public enum PxeNotBootReason
{
    /// <summary>It is a boot request.</summary>
    None = 0,

    /// <summary>The message is a BOOTREPLY (sent by a server), not a request.</summary>
    NotARequest,

    /// <summary>Option 53 is neither DISCOVER nor REQUEST (or absent: plain BOOTP); boot servers answer only those.</summary>
    NotDiscoverOrRequest,

    /// <summary>No option 60 and no iPXE marker (option 175 or user class <c>iPXE</c>).</summary>
    NoVendorClass,

    /// <summary>Option 60 starts with neither <c>PXEClient</c> nor <c>HTTPClient</c> (RFC 4578 §2.4, UEFI HTTP boot).</summary>
    NotPxeVendorClass,

    /// <summary>Neither option 93 nor the <c>Arch:NNNNN</c> field of option 60 names an architecture (RFC 4578 §2.1 requires 93).</summary>
    MissingArchitecture,
}
