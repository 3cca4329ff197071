namespace BareMetal.Dhcp;

/// <summary>
/// DHCP option codes: every option of RFC 2132 plus the ones network boot uses (RFC 3004, 3046, 4578, 3396 and
/// iPXE). Any other byte value is still a valid code: cast it.
/// </summary>
public enum DhcpOptionCode : byte
{
    /// <summary>0: Pad (RFC 2132 §3.1): no length, skipped.</summary>
    Pad = 0,

    /// <summary>1: Subnet mask (RFC 2132 §3.3).</summary>
    SubnetMask = 1,

    /// <summary>2: Time offset (RFC 2132 §3.4).</summary>
    TimeOffset = 2,

    /// <summary>3: Routers (RFC 2132 §3.5).</summary>
    Router = 3,

    /// <summary>4: Time servers (RFC 2132 §3.6).</summary>
    TimeServer = 4,

    /// <summary>5: IEN 116 name servers (RFC 2132 §3.7).</summary>
    NameServer = 5,

    /// <summary>6: DNS servers (RFC 2132 §3.8).</summary>
    DomainNameServer = 6,

    /// <summary>7: Log servers (RFC 2132 §3.9).</summary>
    LogServer = 7,

    /// <summary>8: Cookie servers (RFC 2132 §3.10).</summary>
    CookieServer = 8,

    /// <summary>9: LPR servers (RFC 2132 §3.11).</summary>
    LprServer = 9,

    /// <summary>10: Impress servers (RFC 2132 §3.12).</summary>
    ImpressServer = 10,

    /// <summary>11: Resource location servers (RFC 2132 §3.13).</summary>
    ResourceLocationServer = 11,

    /// <summary>12: Host name (RFC 2132 §3.14).</summary>
    HostName = 12,

    /// <summary>13: Boot file size in 512-octet blocks (RFC 2132 §3.15).</summary>
    BootFileSize = 13,

    /// <summary>14: Merit dump file (RFC 2132 §3.16).</summary>
    MeritDumpFile = 14,

    /// <summary>15: Domain name (RFC 2132 §3.17).</summary>
    DomainName = 15,

    /// <summary>16: Swap server (RFC 2132 §3.18).</summary>
    SwapServer = 16,

    /// <summary>17: Root path (RFC 2132 §3.19).</summary>
    RootPath = 17,

    /// <summary>18: Extensions path (RFC 2132 §3.20).</summary>
    ExtensionsPath = 18,

    /// <summary>19: IP forwarding enable/disable (RFC 2132 §4.1).</summary>
    IpForwarding = 19,

    /// <summary>20: Non-local source routing (RFC 2132 §4.2).</summary>
    NonLocalSourceRouting = 20,

    /// <summary>21: Policy filter (RFC 2132 §4.3).</summary>
    PolicyFilter = 21,

    /// <summary>22: Maximum datagram reassembly size (RFC 2132 §4.4).</summary>
    MaximumDatagramReassemblySize = 22,

    /// <summary>23: Default IP time-to-live (RFC 2132 §4.5).</summary>
    DefaultIpTimeToLive = 23,

    /// <summary>24: Path MTU aging timeout (RFC 2132 §4.6).</summary>
    PathMtuAgingTimeout = 24,

    /// <summary>25: Path MTU plateau table (RFC 2132 §4.7).</summary>
    PathMtuPlateauTable = 25,

    /// <summary>26: Interface MTU (RFC 2132 §5.1).</summary>
    InterfaceMtu = 26,

    /// <summary>27: All subnets are local (RFC 2132 §5.2).</summary>
    AllSubnetsAreLocal = 27,

    /// <summary>28: Broadcast address (RFC 2132 §5.3).</summary>
    BroadcastAddress = 28,

    /// <summary>29: Perform mask discovery (RFC 2132 §5.4).</summary>
    PerformMaskDiscovery = 29,

    /// <summary>30: Mask supplier (RFC 2132 §5.5).</summary>
    MaskSupplier = 30,

    /// <summary>31: Perform router discovery (RFC 2132 §5.6).</summary>
    PerformRouterDiscovery = 31,

    /// <summary>32: Router solicitation address (RFC 2132 §5.7).</summary>
    RouterSolicitationAddress = 32,

    /// <summary>33: Static routes (RFC 2132 §5.8).</summary>
    StaticRoute = 33,

    /// <summary>34: Trailer encapsulation (RFC 2132 §6.1).</summary>
    TrailerEncapsulation = 34,

    /// <summary>35: ARP cache timeout (RFC 2132 §6.2).</summary>
    ArpCacheTimeout = 35,

    /// <summary>36: Ethernet encapsulation (RFC 2132 §6.3).</summary>
    EthernetEncapsulation = 36,

    /// <summary>37: TCP default TTL (RFC 2132 §7.1).</summary>
    TcpDefaultTimeToLive = 37,

    /// <summary>38: TCP keepalive interval (RFC 2132 §7.2).</summary>
    TcpKeepaliveInterval = 38,

    /// <summary>39: TCP keepalive garbage (RFC 2132 §7.3).</summary>
    TcpKeepaliveGarbage = 39,

    /// <summary>40: NIS domain (RFC 2132 §8.1).</summary>
    NisDomain = 40,

    /// <summary>41: NIS servers (RFC 2132 §8.2).</summary>
    NisServers = 41,

    /// <summary>42: NTP servers (RFC 2132 §8.3).</summary>
    NtpServers = 42,

    /// <summary>43: Vendor-specific information (RFC 2132 §8.4); PXE sub-options for PXEClient (RFC 4578, PXE 2.1).</summary>
    VendorSpecificInformation = 43,

    /// <summary>44: NetBIOS over TCP/IP name servers (RFC 2132 §8.5).</summary>
    NetBiosNameServer = 44,

    /// <summary>45: NetBIOS datagram distribution servers (RFC 2132 §8.6).</summary>
    NetBiosDatagramDistributionServer = 45,

    /// <summary>46: NetBIOS node type (RFC 2132 §8.7).</summary>
    NetBiosNodeType = 46,

    /// <summary>47: NetBIOS scope (RFC 2132 §8.8).</summary>
    NetBiosScope = 47,

    /// <summary>48: X Window font servers (RFC 2132 §8.9).</summary>
    XWindowFontServer = 48,

    /// <summary>49: X Window display managers (RFC 2132 §8.10).</summary>
    XWindowDisplayManager = 49,

    /// <summary>50: Requested IP address (RFC 2132 §9.1).</summary>
    RequestedIpAddress = 50,

    /// <summary>51: IP address lease time in seconds (RFC 2132 §9.2).</summary>
    IpAddressLeaseTime = 51,

    /// <summary>52: Option overload: options continue in 'file' and/or 'sname' (RFC 2132 §9.3).</summary>
    OptionOverload = 52,

    /// <summary>53: DHCP message type (RFC 2132 §9.6).</summary>
    DhcpMessageType = 53,

    /// <summary>54: Server identifier (RFC 2132 §9.7).</summary>
    ServerIdentifier = 54,

    /// <summary>55: Parameter request list (RFC 2132 §9.8).</summary>
    ParameterRequestList = 55,

    /// <summary>56: Error message (RFC 2132 §9.9).</summary>
    Message = 56,

    /// <summary>57: Maximum DHCP message size (RFC 2132 §9.10).</summary>
    MaximumMessageSize = 57,

    /// <summary>58: Renewal (T1) time in seconds (RFC 2132 §9.11).</summary>
    RenewalTime = 58,

    /// <summary>59: Rebinding (T2) time in seconds (RFC 2132 §9.12).</summary>
    RebindingTime = 59,

    /// <summary>60: Vendor class identifier (RFC 2132 §9.13): PXEClient..., HTTPClient...</summary>
    VendorClassIdentifier = 60,

    /// <summary>61: Client identifier (RFC 2132 §9.14).</summary>
    ClientIdentifier = 61,

    /// <summary>64: NIS+ domain (RFC 2132 §8.11).</summary>
    NisPlusDomain = 64,

    /// <summary>65: NIS+ servers (RFC 2132 §8.12).</summary>
    NisPlusServers = 65,

    /// <summary>66: TFTP server name (RFC 2132 §9.4).</summary>
    TftpServerName = 66,

    /// <summary>67: Boot file name (RFC 2132 §9.5).</summary>
    BootFileName = 67,

    /// <summary>68: Mobile IP home agents (RFC 2132 §8.13).</summary>
    MobileIpHomeAgent = 68,

    /// <summary>69: SMTP servers (RFC 2132 §8.14).</summary>
    SmtpServer = 69,

    /// <summary>70: POP3 servers (RFC 2132 §8.15).</summary>
    Pop3Server = 70,

    /// <summary>71: NNTP servers (RFC 2132 §8.16).</summary>
    NntpServer = 71,

    /// <summary>72: WWW servers (RFC 2132 §8.17).</summary>
    WwwServer = 72,

    /// <summary>73: Finger servers (RFC 2132 §8.18).</summary>
    FingerServer = 73,

    /// <summary>74: IRC servers (RFC 2132 §8.19).</summary>
    IrcServer = 74,

    /// <summary>75: StreetTalk servers (RFC 2132 §8.20).</summary>
    StreetTalkServer = 75,

    /// <summary>76: StreetTalk directory assistance servers (RFC 2132 §8.21).</summary>
    StreetTalkDirectoryAssistanceServer = 76,

    /// <summary>77: User class (RFC 3004; iPXE sends the plain string 'iPXE').</summary>
    UserClass = 77,

    /// <summary>80: Rapid commit, zero length (RFC 4039).</summary>
    RapidCommit = 80,

    /// <summary>81: Client FQDN (RFC 4702).</summary>
    ClientFqdn = 81,

    /// <summary>82: Relay agent information (RFC 3046).</summary>
    RelayAgentInformation = 82,

    /// <summary>93: Client system architecture (RFC 4578 §2.1).</summary>
    ClientSystemArchitecture = 93,

    /// <summary>94: Client network interface identifier (RFC 4578 §2.2).</summary>
    ClientNetworkInterface = 94,

    /// <summary>97: Client machine identifier, the UUID/GUID (RFC 4578 §2.3).</summary>
    ClientMachineIdentifier = 97,

    /// <summary>118: Subnet selection (RFC 3011).</summary>
    SubnetSelection = 118,

    /// <summary>119: Domain search list (RFC 3397).</summary>
    DomainSearch = 119,

    /// <summary>121: Classless static routes (RFC 3442).</summary>
    ClasslessStaticRoute = 121,

    /// <summary>124: Vendor-identifying vendor class (RFC 3925).</summary>
    VendorIdentifyingVendorClass = 124,

    /// <summary>125: Vendor-identifying vendor-specific information (RFC 3925).</summary>
    VendorIdentifyingVendorSpecificInformation = 125,

    /// <summary>128: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific128 = 128,

    /// <summary>129: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific129 = 129,

    /// <summary>130: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific130 = 130,

    /// <summary>131: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific131 = 131,

    /// <summary>132: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific132 = 132,

    /// <summary>133: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific133 = 133,

    /// <summary>134: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific134 = 134,

    /// <summary>135: PXE, vendor-specific (RFC 4578 §2.4).</summary>
    PxeVendorSpecific135 = 135,

    /// <summary>150: TFTP server addresses (RFC 5859).</summary>
    TftpServerAddress = 150,

    /// <summary>175: iPXE (Etherboot) encapsulated options: feature flags, bus id, version.</summary>
    IpxeEncapsulated = 175,

    /// <summary>209: PXELINUX configuration file (RFC 5071).</summary>
    PxeLinuxConfigFile = 209,

    /// <summary>210: PXELINUX path prefix (RFC 5071).</summary>
    PxeLinuxPathPrefix = 210,

    /// <summary>211: PXELINUX reboot time (RFC 5071).</summary>
    PxeLinuxRebootTime = 211,

    /// <summary>255: End (RFC 2132 §3.2): no length, ends the options.</summary>
    End = 255,
}
