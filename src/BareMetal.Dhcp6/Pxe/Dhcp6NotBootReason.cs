namespace BareMetal.Dhcp6;

/// <summary>Why <see cref="Dhcp6BootClassifier"/> decided a message is not a network-boot request.</summary>
public enum Dhcp6NotBootReason
{
    /// <summary>It is a boot request.</summary>
    None = 0,

    /// <summary>The innermost message is a server's (Advertise, Reply, Reconfigure, Relay-Reply), not a client's.</summary>
    NotAClientMessage,

    /// <summary>A client message that carries no boot configuration: Confirm, Release or Decline (RFC 8415 §18.2).</summary>
    NotAConfigurationRequest,

    /// <summary>No Vendor Class (option 16) and no iPXE user class.</summary>
    NoVendorClass,

    /// <summary>A Vendor Class that is not enterprise 343 with an item starting <c>PXEClient</c> or <c>HTTPClient</c>.</summary>
    NotPxeVendorClass,

    /// <summary>Neither option 61 nor the <c>Arch:NNNNN</c> field of the vendor class names an architecture (RFC 5970 §3.3 requires 61).</summary>
    MissingArchitecture,
}
