using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BareMetal.Dhcp;

namespace StormSim;

/// <summary>
/// One UDP socket on port 68 shared by every simulated machine, as the machines share one wire: requests leave
/// as broadcasts through the client interface, and a receiving thread hands each reply to the machine waiting for
/// its transaction id. Retransmission follows RFC 2131 §4.1 (4 s, doubled each time, up to 64 s).
/// </summary>
internal sealed class DhcpMux : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _broadcast = new(IPAddress.Broadcast, 67);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<byte[]>> _waiting = new();
    private readonly Thread _receiver;
    private volatile bool _stopped;

    public DhcpMux(string interfaceName)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        // SO_BINDTODEVICE: the broadcasts leave through the client interface, not by the default route.
        const int SolSocket = 1;
        const int SoBindToDevice = 25;
        _socket.SetRawSocketOption(SolSocket, SoBindToDevice, Encoding.ASCII.GetBytes(interfaceName + "\0"));
        _socket.ReceiveBufferSize = 8 << 20;
        _socket.Bind(new IPEndPoint(IPAddress.Any, 68));
        _receiver = new Thread(Receive) { IsBackground = true, Name = "dhcp mux" };
        _receiver.Start();
    }

    /// <summary>Replies that arrived for no waiting machine (a late duplicate, another server's answer).</summary>
    public long Unclaimed;

    /// <summary>
    /// Sends <paramref name="request"/> and waits for a reply of <paramref name="expected"/> type (or a NAK) with the
    /// same transaction id; retransmits on silence; null when every try went unanswered.
    /// </summary>
    public async Task<byte[]?> ExchangeAsync(byte[] request, uint xid, DhcpMessageType expected, int tries, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(4);
        for (var attempt = 0; attempt < tries; attempt++)
        {
            var waiter = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[xid] = waiter;
            await _socket.SendToAsync(request, SocketFlags.None, _broadcast, cancellationToken);
            try
            {
                while (true)
                {
                    var reply = await waiter.Task.WaitAsync(delay, cancellationToken);
                    if (DhcpMessageReader.TryParse(reply, out var reader, out _) && reader.MessageType == expected)
                    {
                        return reply;
                    }

                    if (DhcpMessageReader.TryParse(reply, out reader, out _) && reader.MessageType == DhcpMessageType.Nak)
                    {
                        return reply;
                    }

                    // Another type for the same transaction (a duplicate OFFER after REQUEST): keep waiting.
                    waiter = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiting[xid] = waiter;
                }
            }
            catch (TimeoutException)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(64).Ticks));
            }
            finally
            {
                _waiting.TryRemove(new KeyValuePair<uint, TaskCompletionSource<byte[]>>(xid, waiter));
            }
        }

        return null;
    }

    private void Receive()
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopped)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException) when (_stopped)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (!DhcpMessageReader.TryParse(buffer.AsSpan(0, length), out var reader, out _) || reader.Op != DhcpOpcode.BootReply)
            {
                continue;
            }

            if (_waiting.TryGetValue(reader.TransactionId, out var waiter))
            {
                waiter.TrySetResult(buffer.AsSpan(0, length).ToArray());
            }
            else
            {
                Interlocked.Increment(ref Unclaimed);
            }
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _socket.Dispose();
    }
}
