namespace BareMetal.Dhcp;

/// <summary>The DHCP message type, option 53 (RFC 2132 §9.6 and the IANA registry).</summary>
public enum DhcpMessageType : byte
{
    /// <summary>No option 53: a plain BOOTP message.</summary>
    None = 0,

    /// <summary>DHCPDISCOVER (RFC 2131).</summary>
    Discover = 1,

    /// <summary>DHCPOFFER (RFC 2131).</summary>
    Offer = 2,

    /// <summary>DHCPREQUEST (RFC 2131).</summary>
    Request = 3,

    /// <summary>DHCPDECLINE (RFC 2131).</summary>
    Decline = 4,

    /// <summary>DHCPACK (RFC 2131).</summary>
    Ack = 5,

    /// <summary>DHCPNAK (RFC 2131).</summary>
    Nak = 6,

    /// <summary>DHCPRELEASE (RFC 2131).</summary>
    Release = 7,

    /// <summary>DHCPINFORM (RFC 2131).</summary>
    Inform = 8,

    /// <summary>DHCPFORCERENEW (RFC 3203).</summary>
    ForceRenew = 9,

    /// <summary>DHCPLEASEQUERY (RFC 4388).</summary>
    LeaseQuery = 10,

    /// <summary>DHCPLEASEUNASSIGNED (RFC 4388).</summary>
    LeaseUnassigned = 11,

    /// <summary>DHCPLEASEUNKNOWN (RFC 4388).</summary>
    LeaseUnknown = 12,

    /// <summary>DHCPLEASEACTIVE (RFC 4388).</summary>
    LeaseActive = 13,

    /// <summary>DHCPBULKLEASEQUERY (RFC 6926).</summary>
    BulkLeaseQuery = 14,

    /// <summary>DHCPLEASEQUERYDONE (RFC 6926).</summary>
    LeaseQueryDone = 15,

    /// <summary>DHCPACTIVELEASEQUERY (RFC 7724).</summary>
    ActiveLeaseQuery = 16,

    /// <summary>DHCPLEASEQUERYSTATUS (RFC 7724).</summary>
    LeaseQueryStatus = 17,

    /// <summary>DHCPTLS (RFC 7724).</summary>
    Tls = 18,
}
