namespace BareMetal.Dhcp;

/// <summary>
/// Offsets of the fixed BOOTP/DHCP header (RFC 2131 §2, figure 1):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +---------------+---------------+---------------+---------------+
/// |     op (1)    |   htype (1)   |   hlen (1)    |   hops (1)    |   0
/// +---------------+---------------+---------------+---------------+
/// |                            xid (4)                            |   4
/// +-------------------------------+-------------------------------+
/// |           secs (2)            |           flags (2)           |   8
/// +-------------------------------+-------------------------------+
/// |  ciaddr (4) 12 | yiaddr (4) 16 | siaddr (4) 20 | giaddr (4) 24 |
/// |  chaddr (16) 28 | sname (64) 44 | file (128) 108               |
/// |  magic cookie 99.130.83.99 (4) 236 | options (variable) 240     |
/// +---------------------------------------------------------------+
/// </code>
/// </summary>
internal static class DhcpMessageLayout
{
    public const int Op = 0;
    public const int HardwareType = 1;
    public const int HardwareAddressLength = 2;
    public const int Hops = 3;
    public const int TransactionId = 4;
    public const int Seconds = 8;
    public const int Flags = 10;
    public const int ClientAddress = 12;
    public const int YourAddress = 16;
    public const int ServerAddress = 20;
    public const int GatewayAddress = 24;
    public const int ClientHardwareAddress = 28;
    public const int ClientHardwareAddressLength = 16;
    public const int ServerName = 44;
    public const int ServerNameLength = 64;
    public const int File = 108;
    public const int FileLength = 128;
    public const int MagicCookie = 236;
    public const int Options = 240;

    /// <summary>99.130.83.99 (RFC 2131 §3).</summary>
    public const uint MagicCookieValue = 0x63825363;

    /// <summary>The broadcast bit of <c>flags</c> (RFC 2131 §2, figure 2).</summary>
    public const ushort BroadcastFlag = 0x8000;

    /// <summary>The smallest BOOTP message (RFC 1542 §2.1): shorter replies are padded.</summary>
    public const int MinimumBootpMessage = 300;

    /// <summary>The IP datagram every client must accept (RFC 2131 §2): 576 bytes, 548 of them DHCP.</summary>
    public const int MinimumMaximumMessageSize = 576;

    /// <summary>IPv4 (20, no options) plus UDP (8) header bytes counted by option 57 (RFC 2132 §9.10).</summary>
    public const int IpUdpHeaders = 28;

    /// <summary>Option 52 bit for <c>file</c> (RFC 2132 §9.3).</summary>
    public const byte OverloadFile = 1;

    /// <summary>Option 52 bit for <c>sname</c> (RFC 2132 §9.3).</summary>
    public const byte OverloadServerName = 2;
}
