namespace BareMetal.Dhcp6.Server.Engine;

/// <summary>Why the engine sent no reply. Every ignored message is logged with one of these.</summary>
public enum Dhcp6IgnoreReason
{
    /// <summary>The message was answered.</summary>
    None = 0,

    /// <summary>The bytes are not a valid DHCPv6 message (the codec's parse error is logged beside it).</summary>
    Malformed,

    /// <summary>A server's message (Advertise, Reply, Reconfigure, Relay-Reply): servers answer clients and relays only.</summary>
    NotAClientMessage,

    /// <summary>A message type this server does not handle (Leasequery, DHCPv4-over-DHCPv6, unknown types...).</summary>
    UnsupportedMessageType,

    /// <summary>No Client Identifier where RFC 8415 §16 requires one (every client message but Information-Request).</summary>
    MissingClientId,

    /// <summary>A Solicit, Confirm or Rebind with a Server Identifier, which RFC 8415 §16.2, §16.5, §16.7 say to discard.</summary>
    UnexpectedServerId,

    /// <summary>A Request, Renew, Decline or Release without a Server Identifier (RFC 8415 §16.4, §16.6, §16.8, §16.9).</summary>
    MissingServerId,

    /// <summary>The Server Identifier names another server: the client chose it (RFC 8415 §16).</summary>
    OtherServer,

    /// <summary>No subnet matches the relay's link-address or the receiving interface.</summary>
    NoSubnet,

    /// <summary>A Confirm with no addresses in it: RFC 8415 §18.3.3 says not to answer.</summary>
    NothingToConfirm,

    /// <summary>The reply did not fit the reply buffer.</summary>
    ReplyTooLarge,
}
