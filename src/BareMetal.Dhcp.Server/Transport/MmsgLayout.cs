namespace BareMetal.Dhcp.Server.Transport;

/// <summary>
/// Sizes of the Linux structures that sendmmsg(2) and recvmmsg(2) read on 64-bit Linux, and of one datagram slot,
/// shared by <see cref="DatagramBatchReceiver"/> and <see cref="ReplyRing"/>, which lay them out in pinned arrays.
/// </summary>
internal static class MmsgLayout
{
    /// <summary>One datagram slot: a full Ethernet-MTU DHCP message fits (RFC 2131 §2 allows up to 576 and more with option 57).</summary>
    public const int SlotBytes = 1536;

    /// <summary><c>struct sockaddr_in</c>.</summary>
    public const int SockaddrBytes = 16;

    /// <summary><c>struct mmsghdr</c>: <c>struct msghdr</c> (56 bytes) + <c>msg_len</c> + padding.</summary>
    public const int MsgBytes = 64;

    /// <summary><c>struct iovec</c>.</summary>
    public const int IovBytes = 16;
}
