namespace BareMetal.Dhcp6;

/// <summary>Byte offsets and sizes of the two DHCPv6 message formats (RFC 8415 §8, §9).</summary>
/// <remarks>
/// <code>
///  client/server message (§8)          relay message (§9)
///  0        1        2        3        0        1        2  ...  18  ...  34
///  +--------+--------------------+      +--------+--------+---------+---------+---------
///  |msg-type| transaction-id (3) |      |msg-type|hop-cnt | link-address (16) | peer-address (16) | options
///  +--------+--------------------+      +--------+--------+---------+---------+---------
///  | options ...                 |
/// </code>
/// </remarks>
internal static class Dhcp6MessageLayout
{
    public const int MessageType = 0;
    public const int TransactionId = 1;
    public const int ClientServerHeader = 4;

    public const int HopCount = 1;
    public const int LinkAddress = 2;
    public const int PeerAddress = 18;
    public const int RelayHeader = 34;

    public const int OptionHeader = 4;

    /// <summary>HOP_COUNT_LIMIT (RFC 8415 §7.6): relays nest at most this deep.</summary>
    public const int HopCountLimit = 8;
}
