using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static BareMetal.Dhcp.Server.Interop.LinuxNative;
using static BareMetal.Dhcp.Server.Transport.MmsgLayout;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>
/// Receives up to 32 datagrams per system call with recvmmsg(2) (MSG_WAITFORONE: block for the first, then take what
/// is queued) into pinned buffers allocated once. Linux only; the transport uses plain receives elsewhere.
/// </summary>
internal sealed class DatagramBatchReceiver
{
    public const int Batch = 32;
    private const int MsgWaitForOne = 0x10000;
    private const int Eintr = 4;
    private const int Eagain = 11;
    private readonly byte[] _data = GC.AllocateArray<byte>(Batch * SlotBytes, pinned: true);
    private readonly byte[] _addresses = GC.AllocateArray<byte>(Batch * SockaddrBytes, pinned: true);
    private readonly byte[] _messages = GC.AllocateArray<byte>(Batch * MsgBytes, pinned: true);
    private readonly byte[] _vectors = GC.AllocateArray<byte>(Batch * IovBytes, pinned: true);
    private readonly nint _messageBase;

    public DatagramBatchReceiver()
    {
        long dataBase = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        long addressBase = Marshal.UnsafeAddrOfPinnedArrayElement(_addresses, 0);
        long vectorBase = Marshal.UnsafeAddrOfPinnedArrayElement(_vectors, 0);
        _messageBase = Marshal.UnsafeAddrOfPinnedArrayElement(_messages, 0);
        for (var i = 0; i < Batch; i++)
        {
            Describe(
                _messages.AsSpan(i * MsgBytes, MsgBytes),
                _vectors.AsSpan(i * IovBytes, IovBytes),
                vectorBase + ((long)i * IovBytes),
                dataBase + ((long)i * SlotBytes),
                SlotBytes,
                addressBase + ((long)i * SockaddrBytes));
        }
    }

    /// <summary>
    /// Waits for datagrams (at most the socket's receive timeout, then polls again) and returns how many arrived: 0 when
    /// the wait ended empty (check for a stop), -1 when the socket is closed. Other errors surface as <see cref="SocketException"/>.
    /// </summary>
    public int Receive(Socket socket)
    {
        var handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            for (var i = 0; i < Batch; i++)
            {
                // The kernel writes the source's length back: give every slot its full size again.
                BinaryPrimitives.WriteInt32LittleEndian(_messages.AsSpan((i * MsgBytes) + NameLengthOffset), SockaddrBytes); // msg_namelen
            }

            var count = ReceiveMultiple((int)handle.DangerousGetHandle(), _messageBase, Batch, MsgWaitForOne, 0);
            if (count >= 0)
            {
                return count;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Eintr)
            {
                return 0;
            }

            if (errno == Eagain)
            {
                // A receive timeout (SO_RCVTIMEO), or a non-blocking descriptor: wait for readability, bounded.
                _ = socket.Poll(TimeSpan.FromMilliseconds(500), SelectMode.SelectRead);
                return 0;
            }

            throw new SocketException(errno);
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The payload of datagram <paramref name="index"/> of the last batch.</summary>
    public ReadOnlySpan<byte> Datagram(int index)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(_messages.AsSpan((index * MsgBytes) + MessageLengthOffset)); // msg_len
        return _data.AsSpan(index * SlotBytes, Math.Min(length, SlotBytes));
    }

    /// <summary>The source address and port of datagram <paramref name="index"/> (sockaddr_in: family, port, address).</summary>
    public (Ipv4Address Address, int Port) Source(int index)
    {
        var address = _addresses.AsSpan(index * SockaddrBytes, SockaddrBytes);
        return (Ipv4Address.Read(address[4..]), BinaryPrimitives.ReadUInt16BigEndian(address[2..]));
    }
}
