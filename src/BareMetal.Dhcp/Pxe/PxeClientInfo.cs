namespace BareMetal.Dhcp;

/// <summary>
/// What a network-boot request says about the machine and its firmware: the result of
/// <see cref="PxeClassifier.Classify(in DhcpMessageReader)"/>. A small value type; creating one allocates nothing.
/// </summary>
public readonly struct PxeClientInfo
{
    internal PxeClientInfo(
        FirmwareKind firmwareKind,
        PxeNotBootReason notBootReason,
        DhcpMessageType messageType,
        MacAddress clientMacAddress,
        ClientArchitecture architecture,
        bool hasArchitecture,
        Guid? uuid,
        byte undiMajor,
        byte undiMinor,
        IpxeFeatures ipxeFeatures)
    {
        FirmwareKind = firmwareKind;
        NotBootReason = notBootReason;
        MessageType = messageType;
        ClientMacAddress = clientMacAddress;
        Architecture = architecture;
        HasArchitecture = hasArchitecture;
        Uuid = uuid;
        UndiMajor = undiMajor;
        UndiMinor = undiMinor;
        IpxeFeatures = ipxeFeatures;
    }

    /// <summary>The kind of firmware (<see cref="FirmwareKind.NotPxe"/> when no boot firmware is recognised).</summary>
    public FirmwareKind FirmwareKind { get; }

    /// <summary>Whether the message is a boot request a boot server should answer.</summary>
    public bool IsBootRequest => NotBootReason == PxeNotBootReason.None;

    /// <summary>Why it is not a boot request, or <see cref="PxeNotBootReason.None"/>.</summary>
    public PxeNotBootReason NotBootReason { get; }

    /// <summary>Option 53 of the request.</summary>
    public DhcpMessageType MessageType { get; }

    /// <summary>The client's MAC address from <c>chaddr</c>.</summary>
    public MacAddress ClientMacAddress { get; }

    /// <summary>The architecture from option 93, else from the <c>Arch:</c> field of option 60; see <see cref="HasArchitecture"/>.</summary>
    public ClientArchitecture Architecture { get; }

    /// <summary>Whether <see cref="Architecture"/> came from the request (otherwise it is 0 by default, not a claim of BIOS).</summary>
    public bool HasArchitecture { get; }

    /// <summary>The machine UUID from option 97 (RFC 4578 §2.3), or <c>null</c> when absent or malformed.</summary>
    public Guid? Uuid { get; }

    /// <summary>UNDI major version from option 94 (RFC 4578 §2.2), 0 when absent.</summary>
    public byte UndiMajor { get; }

    /// <summary>UNDI minor version from option 94 (RFC 4578 §2.2), 0 when absent.</summary>
    public byte UndiMinor { get; }

    /// <summary>iPXE feature flags from option 175; <see cref="IpxeFeatures.None"/> for other firmware.</summary>
    public IpxeFeatures IpxeFeatures { get; }

    /// <summary>Whether the client is iPXE, with the default or a custom user class.</summary>
    public bool IsIpxe => FirmwareKind is FirmwareKind.Ipxe or FirmwareKind.IpxeCustomUserClass;

    /// <summary>Whether the architecture is a UEFI one (including HTTP-boot variants).</summary>
    public bool IsUefi => HasArchitecture && PxeClassifier.IsUefi(Architecture);

    /// <summary>Whether the client boots over HTTP: UEFI HTTP boot, or an HTTP-boot architecture type.</summary>
    public bool IsHttpBoot => FirmwareKind == FirmwareKind.UefiHttp || (HasArchitecture && PxeClassifier.IsHttpArchitecture(Architecture));
}
