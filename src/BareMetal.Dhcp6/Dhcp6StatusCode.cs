namespace BareMetal.Dhcp6;

/// <summary>The status codes of option 13 (RFC 8415 §21.13, IANA "DHCPv6 Status Codes").</summary>
public enum Dhcp6StatusCode : ushort
{
    /// <summary>0: success.</summary>
    Success = 0,

    /// <summary>1: failure, reason unspecified.</summary>
    UnspecFail = 1,

    /// <summary>2: the server has no addresses available to assign to the IA(s).</summary>
    NoAddrsAvail = 2,

    /// <summary>3: the client record (binding) is unavailable.</summary>
    NoBinding = 3,

    /// <summary>4: the prefix for the address is not appropriate for the link to which the client is attached.</summary>
    NotOnLink = 4,

    /// <summary>5: the client must use multicast to talk to this server.</summary>
    UseMulticast = 5,

    /// <summary>6: the server has no prefixes available to assign to the IA_PD(s).</summary>
    NoPrefixAvail = 6,
}
