namespace BareMetal.Dhcp.Server.Engine;

/// <summary>Why the engine sent no reply to a packet. Every ignored packet is counted and logged with one of these.</summary>
public enum DhcpIgnoreReason
{
    /// <summary>The packet was answered.</summary>
    None = 0,

    /// <summary>The bytes are not a valid DHCP message (the codec's parse error is logged beside it).</summary>
    Malformed,

    /// <summary>op is BOOTREPLY: another server's reply, not a request.</summary>
    NotARequest,

    /// <summary>A message type a server does not answer (OFFER, ACK, NAK, lease query...).</summary>
    UnsupportedMessageType,

    /// <summary>hlen is 0 or more than 16, or htype/hlen do not describe a usable hardware address.</summary>
    BadHardwareAddress,

    /// <summary>The client's MAC address sent more packets per second than allowed.</summary>
    RateLimited,

    /// <summary>Known-clients-only mode and the client is not known (a "discovered" event was raised).</summary>
    UnknownClient,

    /// <summary>No configured subnet matches giaddr, the link selection or the receiving interface.</summary>
    NoSubnet,

    /// <summary>Every address of the subnet's pools is taken; no DHCPOFFER is sent.</summary>
    PoolExhausted,

    /// <summary>A DHCPREQUEST with another server's identifier: the client chose that server (our offer is withdrawn).</summary>
    OtherServerSelected,

    /// <summary>A DHCPREQUEST for an address this server has no record of, and the server is not authoritative.</summary>
    NotAuthoritative,

    /// <summary>A DHCPDECLINE or DHCPRELEASE for a lease this client does not hold here.</summary>
    NoMatchingLease,

    /// <summary>A release or decline: the protocol has no reply for it (the packet was handled).</summary>
    NoReplyExpected,

    /// <summary>proxyDHCP mode and the client is not a PXE or HTTP boot client.</summary>
    NotBootClient,

    /// <summary>The boot policy decided not to boot this client.</summary>
    BootDeclinedByPolicy,

    /// <summary>proxyDHCP mode and a message type proxyDHCP does not answer.</summary>
    NotForProxy,

    /// <summary>The reply did not fit the client's maximum message size or the reply buffer.</summary>
    ReplyTooLarge,

    /// <summary>The request's server identifier names this server but the packet arrived on the boot server port without one.</summary>
    WrongPort,
}
