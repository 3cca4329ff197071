using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static BareMetal.Dhcp.Server.Interop.LinuxNative;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>
/// Sizes and offsets of the Linux structures that sendmmsg(2) and recvmmsg(2) read, and of one datagram slot, shared by
/// <see cref="DatagramBatchReceiver"/> and <see cref="ReplyRing"/>, which lay them out in pinned arrays. The structure
/// sizes come from the struct declarations in <see cref="Interop.LinuxNative"/> for the running architecture (x86-64
/// and arm64 share the LP64 layout: 64-byte <c>mmsghdr</c>, 16-byte <c>iovec</c>; 32-bit ARM differs).
/// </summary>
internal static class MmsgLayout
{
    /// <summary>One datagram slot: a full Ethernet-MTU DHCP message fits (RFC 2131 §2 allows up to 576 and more with option 57).</summary>
    public const int SlotBytes = 1536;

    /// <summary><c>struct sockaddr_in</c>: 16 bytes on every Linux architecture.</summary>
    public const int SockaddrBytes = 16;

    /// <summary><c>struct mmsghdr</c>, padding included.</summary>
    public static readonly int MsgBytes = Unsafe.SizeOf<MultiMessageHeader>();

    /// <summary><c>struct iovec</c>.</summary>
    public static readonly int IovBytes = Unsafe.SizeOf<IoVector>();

    /// <summary>Byte offset of <c>msg_len</c> (bytes received or sent) in a <c>struct mmsghdr</c>.</summary>
    public static readonly int MessageLengthOffset = (int)Marshal.OffsetOf<MultiMessageHeader>(nameof(MultiMessageHeader.Length));

    /// <summary>Byte offset of <c>msg_namelen</c> in a <c>struct mmsghdr</c>.</summary>
    public static readonly int NameLengthOffset = (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.NameLength));

    /// <summary>
    /// Describes one datagram for sendmmsg/recvmmsg: the iovec points at <paramref name="data"/> (<paramref name="length"/>
    /// bytes) and the mmsghdr at the address buffer and that single iovec. Other fields (control data, flags) are zero.
    /// </summary>
    public static void Describe(Span<byte> message, Span<byte> vector, long vectorAddress, long data, long length, long address)
    {
        MemoryMarshal.Write(vector, new IoVector { Base = (nint)data, Length = (nuint)length });
        MemoryMarshal.Write(message, new MultiMessageHeader
        {
            Header = new MessageHeader { Name = (nint)address, NameLength = SockaddrBytes, Vectors = (nint)vectorAddress, VectorCount = 1 },
        });
    }
}
