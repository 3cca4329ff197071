namespace BareMetal.Dhcp6;

/// <summary>The <c>msg-type</c> field, the first byte of every DHCPv6 message (RFC 8415 §7.3).</summary>
public enum Dhcp6MessageType : byte
{
    /// <summary>0: reserved, never valid on the wire.</summary>
    None = 0,

    /// <summary>1: a client locates servers (RFC 8415 §18.2.1).</summary>
    Solicit = 1,

    /// <summary>2: a server offers its service in answer to a Solicit (RFC 8415 §18.3.9).</summary>
    Advertise = 2,

    /// <summary>3: a client asks one server for leases and configuration (RFC 8415 §18.2.2).</summary>
    Request = 3,

    /// <summary>4: a client asks whether its addresses are still on link (RFC 8415 §18.2.3).</summary>
    Confirm = 4,

    /// <summary>5: a client extends its leases with the server that granted them (RFC 8415 §18.2.4).</summary>
    Renew = 5,

    /// <summary>6: a client extends its leases with any server (RFC 8415 §18.2.5).</summary>
    Rebind = 6,

    /// <summary>7: a server's answer to everything but a Solicit without rapid commit (RFC 8415 §18.3.10).</summary>
    Reply = 7,

    /// <summary>8: a client gives leases back (RFC 8415 §18.2.7).</summary>
    Release = 8,

    /// <summary>9: a client found an assigned address in use (RFC 8415 §18.2.8).</summary>
    Decline = 9,

    /// <summary>10: a server tells a client to renew or ask for new information (RFC 8415 §18.3.11).</summary>
    Reconfigure = 10,

    /// <summary>11: a client asks for configuration without leases (RFC 8415 §18.2.6).</summary>
    InformationRequest = 11,

    /// <summary>12: a relay agent forwards a message toward servers (RFC 8415 §19.1).</summary>
    RelayForward = 12,

    /// <summary>13: a server's reply to a relay agent, carrying the message for the client (RFC 8415 §19.2).</summary>
    RelayReply = 13,
}
