namespace BareMetal.Dhcp6;

/// <summary>
/// DHCPv6 option codes this package reads or writes (IANA "DHCPv6 Option Codes"). Any other 16-bit code is kept as
/// sent: cast and compare the number.
/// </summary>
public enum Dhcp6OptionCode : ushort
{
    /// <summary>1: Client Identifier, the client's DUID (RFC 8415 §21.2).</summary>
    ClientId = 1,

    /// <summary>2: Server Identifier, the server's DUID (RFC 8415 §21.3).</summary>
    ServerId = 2,

    /// <summary>3: Identity Association for Non-temporary Addresses (RFC 8415 §21.4).</summary>
    IaNa = 3,

    /// <summary>4: Identity Association for Temporary Addresses (RFC 8415 §21.5).</summary>
    IaTa = 4,

    /// <summary>5: IA Address, inside IA_NA or IA_TA (RFC 8415 §21.6).</summary>
    IaAddress = 5,

    /// <summary>6: Option Request Option, the codes the client wants (RFC 8415 §21.7).</summary>
    OptionRequest = 6,

    /// <summary>7: Preference, 0-255, the server's rank in the client's choice (RFC 8415 §21.8).</summary>
    Preference = 7,

    /// <summary>8: Elapsed Time, hundredths of a second since the client began (RFC 8415 §21.9).</summary>
    ElapsedTime = 8,

    /// <summary>9: Relay Message, the relayed message inside Relay-Forw/Relay-Reply (RFC 8415 §21.10).</summary>
    RelayMessage = 9,

    /// <summary>11: Authentication (RFC 8415 §21.11).</summary>
    Authentication = 11,

    /// <summary>12: Server Unicast (RFC 8415 §21.12).</summary>
    ServerUnicast = 12,

    /// <summary>13: Status Code (RFC 8415 §21.13).</summary>
    StatusCode = 13,

    /// <summary>14: Rapid Commit, empty (RFC 8415 §21.14).</summary>
    RapidCommit = 14,

    /// <summary>15: User Class, length-prefixed items; iPXE sends <c>iPXE</c> (RFC 8415 §21.15).</summary>
    UserClass = 15,

    /// <summary>16: Vendor Class, an enterprise number and length-prefixed items (RFC 8415 §21.16).</summary>
    VendorClass = 16,

    /// <summary>17: Vendor-specific Information (RFC 8415 §21.17).</summary>
    VendorOptions = 17,

    /// <summary>18: Interface-Id, set by a relay and echoed by the server (RFC 8415 §21.18).</summary>
    InterfaceId = 18,

    /// <summary>19: Reconfigure Message (RFC 8415 §21.19).</summary>
    ReconfigureMessage = 19,

    /// <summary>20: Reconfigure Accept, empty (RFC 8415 §21.20).</summary>
    ReconfigureAccept = 20,

    /// <summary>23: DNS Recursive Name Servers, IPv6 addresses (RFC 3646 §3).</summary>
    DnsServers = 23,

    /// <summary>24: Domain Search List, DNS-encoded names (RFC 3646 §4).</summary>
    DomainSearchList = 24,

    /// <summary>25: Identity Association for Prefix Delegation (RFC 8415 §21.21).</summary>
    IaPd = 25,

    /// <summary>26: IA Prefix, inside IA_PD (RFC 8415 §21.22).</summary>
    IaPrefix = 26,

    /// <summary>32: Information Refresh Time (RFC 8415 §21.23).</summary>
    InformationRefreshTime = 32,

    /// <summary>59: Boot File URL (RFC 5970 §3.1).</summary>
    BootFileUrl = 59,

    /// <summary>60: Boot File Parameters, length-prefixed items (RFC 5970 §3.2).</summary>
    BootFileParameters = 60,

    /// <summary>61: Client System Architecture Type, a list of 16-bit types (RFC 5970 §3.3).</summary>
    ClientArchitectureType = 61,

    /// <summary>62: Client Network Interface Identifier: type, major, minor (RFC 5970 §3.4).</summary>
    NetworkInterfaceId = 62,

    /// <summary>79: Client Link-Layer Address, added by the first relay (RFC 6939 §4).</summary>
    ClientLinkLayerAddress = 79,

    /// <summary>82: SOL_MAX_RT (RFC 8415 §21.24).</summary>
    SolMaxRt = 82,

    /// <summary>83: INF_MAX_RT (RFC 8415 §21.25).</summary>
    InfMaxRt = 83,
}
