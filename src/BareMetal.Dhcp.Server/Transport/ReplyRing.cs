using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static BareMetal.Dhcp.Server.Interop.LinuxNative;
using static BareMetal.Dhcp.Server.Transport.MmsgLayout;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>
/// The acknowledgements waiting for their group commit: reply bytes and destinations in pinned arrays, sent after the
/// journal flush with sendmmsg(2), up to 64 datagrams per system call (on this kind of virtual machine a system call
/// costs as much as the engine's whole work on a packet). Elsewhere than Linux the replies go one by one.
/// </summary>
internal sealed class ReplyRing
{
    public const int DefaultCapacity = 1024;
    private const int Batch = 64;
    private readonly int _capacity;
    private readonly byte[] _data;
    private readonly byte[] _addresses;
    private readonly byte[] _messages = GC.AllocateArray<byte>(Batch * MsgBytes, pinned: true);
    private readonly byte[] _vectors = GC.AllocateArray<byte>(Batch * IovBytes, pinned: true);
    private readonly int[] _lengths;
    private readonly long _dataBase;
    private readonly long _addressBase;
    private readonly long _messageBase;
    private readonly long _vectorBase;
    private readonly SocketAddress _fallbackAddress = new(AddressFamily.InterNetwork);

    public ReplyRing(int capacity = DefaultCapacity)
    {
        _capacity = capacity;
        _data = GC.AllocateArray<byte>(capacity * SlotBytes, pinned: true);
        _addresses = GC.AllocateArray<byte>(capacity * SockaddrBytes, pinned: true);
        _lengths = new int[capacity];
        _dataBase = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        _addressBase = Marshal.UnsafeAddrOfPinnedArrayElement(_addresses, 0);
        _messageBase = Marshal.UnsafeAddrOfPinnedArrayElement(_messages, 0);
        _vectorBase = Marshal.UnsafeAddrOfPinnedArrayElement(_vectors, 0);
    }

    /// <summary>Copies a reply and its destination into slot <paramref name="slot"/>.</summary>
    public void Store(int slot, ReadOnlySpan<byte> reply, Ipv4Address destination, int port)
    {
        reply.CopyTo(_data.AsSpan(slot * SlotBytes, SlotBytes));
        _lengths[slot] = reply.Length;
        var address = _addresses.AsSpan(slot * SockaddrBytes, SockaddrBytes);
        address.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(address, (ushort)AddressFamily.InterNetwork); // sa_family (host order)
        BinaryPrimitives.WriteUInt16BigEndian(address[2..], (ushort)port); // sin_port
        destination.WriteTo(address[4..]); // sin_addr
    }

    /// <summary>Sends slots <paramref name="start"/> to <paramref name="end"/> (ring positions, end excluded); returns the failures.</summary>
    public int Send(Socket socket, long start, long end)
    {
        var failures = 0;
        if (!OperatingSystem.IsLinux())
        {
            for (var i = start; i < end; i++)
            {
                failures += SendOne(socket, (int)(i % _capacity)) ? 0 : 1;
            }

            return failures;
        }

        var handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            var position = start;
            while (position < end)
            {
                var count = (int)Math.Min(Batch, end - position);
                Prepare(position, count);
                var sent = 0;
                while (sent < count)
                {
                    var result = SendMultiple(fd, (nint)(_messageBase + ((long)sent * MsgBytes)), (uint)(count - sent), 0);
                    if (result <= 0)
                    {
                        // The datagram at the head failed (ENOBUFS and the like): count it and go on with the next.
                        failures++;
                        sent++;
                    }
                    else
                    {
                        sent += result;
                    }
                }

                position += count;
            }
        }
        catch (ObjectDisposedException)
        {
            failures += (int)(end - start);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return failures;
    }

    /// <summary>Fills <paramref name="count"/> mmsghdr/iovec pairs for the ring positions from <paramref name="position"/>.</summary>
    private void Prepare(long position, int count)
    {
        var messages = _messages.AsSpan(0, count * MsgBytes);
        messages.Clear();
        for (var i = 0; i < count; i++)
        {
            var slot = (int)((position + i) % _capacity);
            Describe(
                messages.Slice(i * MsgBytes, MsgBytes),
                _vectors.AsSpan(i * IovBytes, IovBytes),
                _vectorBase + ((long)i * IovBytes),
                _dataBase + ((long)slot * SlotBytes),
                _lengths[slot],
                _addressBase + ((long)slot * SockaddrBytes));
        }
    }

    private bool SendOne(Socket socket, int slot)
    {
        try
        {
            _addresses.AsSpan(slot * SockaddrBytes, SockaddrBytes).CopyTo(_fallbackAddress.Buffer.Span);
            socket.SendTo(_data.AsSpan(slot * SlotBytes, _lengths[slot]), SocketFlags.None, _fallbackAddress);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
