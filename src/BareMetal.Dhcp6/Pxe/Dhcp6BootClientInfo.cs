using BareMetal.Dhcp;

namespace BareMetal.Dhcp6;

/// <summary>
/// What a DHCPv6 network-boot request says about the machine and its firmware: the result of
/// <see cref="Dhcp6BootClassifier.Classify(in Dhcp6MessageReader)"/>. A small value type; creating one allocates nothing.
/// </summary>
public readonly struct Dhcp6BootClientInfo
{
    internal Dhcp6BootClientInfo(
        FirmwareKind firmwareKind,
        Dhcp6NotBootReason notBootReason,
        Dhcp6MessageType messageType,
        int relayCount,
        ClientArchitecture architecture,
        bool hasArchitecture,
        MacAddress? macAddress,
        Guid? uuid,
        byte undiMajor,
        byte undiMinor,
        bool requestsBootFileUrl)
    {
        FirmwareKind = firmwareKind;
        NotBootReason = notBootReason;
        MessageType = messageType;
        RelayCount = relayCount;
        Architecture = architecture;
        HasArchitecture = hasArchitecture;
        MacAddress = macAddress;
        Uuid = uuid;
        UndiMajor = undiMajor;
        UndiMinor = undiMinor;
        RequestsBootFileUrl = requestsBootFileUrl;
    }

    /// <summary>The kind of firmware (<see cref="FirmwareKind.NotPxe"/> when no boot firmware is recognised); <see cref="FirmwareKind.LegacyPxe"/> is never reported over IPv6.</summary>
    public FirmwareKind FirmwareKind { get; }

    /// <summary>Whether the message is a boot request a boot server should answer with a Boot File URL.</summary>
    public bool IsBootRequest => NotBootReason == Dhcp6NotBootReason.None;

    /// <summary>Why it is not a boot request, or <see cref="Dhcp6NotBootReason.None"/>.</summary>
    public Dhcp6NotBootReason NotBootReason { get; }

    /// <summary>The innermost (client's) message type.</summary>
    public Dhcp6MessageType MessageType { get; }

    /// <summary>How many relays wrapped the client's message (0 when it came straight from the link).</summary>
    public int RelayCount { get; }

    /// <summary>The first type of option 61, else the <c>Arch:</c> field of the vendor class; see <see cref="HasArchitecture"/>.</summary>
    public ClientArchitecture Architecture { get; }

    /// <summary>Whether <see cref="Architecture"/> came from the request.</summary>
    public bool HasArchitecture { get; }

    /// <summary>
    /// The client's MAC address: from the relay next to the client (RFC 6939 option 79) when relayed, else from a
    /// DUID-LL or DUID-LLT of Ethernet type; <c>null</c> when neither carries one (a DUID-UUID or DUID-EN client, not relayed).
    /// </summary>
    public MacAddress? MacAddress { get; }

    /// <summary>The machine UUID of a DUID-UUID (RFC 6355), what UEFI iPXE sends; <c>null</c> otherwise.</summary>
    public Guid? Uuid { get; }

    /// <summary>UNDI major version from option 62 (RFC 5970 §3.4), 0 when absent.</summary>
    public byte UndiMajor { get; }

    /// <summary>UNDI minor version from option 62, 0 when absent.</summary>
    public byte UndiMinor { get; }

    /// <summary>Whether the Option Request Option asks for the Boot File URL (59), as RFC 5970 §3.1 requires of boot clients.</summary>
    public bool RequestsBootFileUrl { get; }

    /// <summary>Whether the client is iPXE, with the default or a custom user class.</summary>
    public bool IsIpxe => FirmwareKind is FirmwareKind.Ipxe or FirmwareKind.IpxeCustomUserClass;

    /// <summary>Whether the architecture is a UEFI one (including HTTP-boot variants).</summary>
    public bool IsUefi => HasArchitecture && PxeClassifier.IsUefi(Architecture);

    /// <summary>Whether the client boots over HTTP: vendor class <c>HTTPClient</c>, or an HTTP-boot architecture type.</summary>
    public bool IsHttpBoot => FirmwareKind == FirmwareKind.UefiHttp || (HasArchitecture && PxeClassifier.IsHttpArchitecture(Architecture));
}
