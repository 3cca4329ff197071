using System.Buffers.Binary;

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

    /// <summary>Byte offset of <c>msg_len</c> (bytes received or sent) in a <c>struct mmsghdr</c>.</summary>
    public const int MessageLengthOffset = 56;

    /// <summary>Byte offset of <c>msg_namelen</c> in a <c>struct mmsghdr</c>.</summary>
    public const int NameLengthOffset = 8;

    /// <summary>
    /// Describes one datagram for sendmmsg/recvmmsg: the iovec points at <paramref name="data"/> (<paramref name="length"/>
    /// bytes) and the mmsghdr at the address buffer and that single iovec. Other fields (control data, flags) stay zero.
    /// </summary>
    public static void Describe(Span<byte> message, Span<byte> vector, long vectorAddress, long data, long length, long address)
    {
        BinaryPrimitives.WriteInt64LittleEndian(vector, data); // iov_base
        BinaryPrimitives.WriteInt64LittleEndian(vector[8..], length); // iov_len
        BinaryPrimitives.WriteInt64LittleEndian(message, address); // msg_name
        BinaryPrimitives.WriteInt32LittleEndian(message[NameLengthOffset..], SockaddrBytes); // msg_namelen
        BinaryPrimitives.WriteInt64LittleEndian(message[16..], vectorAddress); // msg_iov
        BinaryPrimitives.WriteInt64LittleEndian(message[24..], 1); // msg_iovlen
    }
}
