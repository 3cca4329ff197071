using System.Net;
using System.Net.Sockets;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Observability;
using Microsoft.Extensions.Logging;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>
/// One socket's receive loop around the engine: one receive buffer and a fixed set of reply slots, all allocated once,
/// and <see cref="Socket.ReceiveFromAsync(Memory{byte}, SocketFlags, SocketAddress, CancellationToken)"/>, which
/// allocates nothing per packet. Replies that acknowledge a lease are group-committed: they wait in their slots
/// while more packets are already queued on the socket, then one journal flush covers them all before they leave.
/// </summary>
internal sealed class DhcpUdpTransport
{
    private const int MaxBatch = 64;
    private const int BufferSize = 1536;
    private readonly DhcpServerEngine _engine;
    private readonly Socket _socket;
    private readonly int _interfaceIndex;
    private readonly string _interfaceName;
    private readonly bool _bootServerPort;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly byte[] _receive = new byte[BufferSize];
    private readonly byte[][] _replies = new byte[MaxBatch][];
    private readonly int[] _replyLengths = new int[MaxBatch];
    private readonly SocketAddress[] _destinations = new SocketAddress[MaxBatch];
    private readonly SocketAddress _remote = new(AddressFamily.InterNetwork);

    public DhcpUdpTransport(DhcpServerEngine engine, Socket socket, int interfaceIndex, string interfaceName, bool bootServerPort, ILogger logger, TimeProvider time)
    {
        _engine = engine;
        _socket = socket;
        _interfaceIndex = interfaceIndex;
        _interfaceName = interfaceName;
        _bootServerPort = bootServerPort;
        _logger = logger;
        _time = time;
        for (var i = 0; i < MaxBatch; i++)
        {
            _replies[i] = new byte[BufferSize];
            _destinations[i] = new IPEndPoint(IPAddress.Any, 0).Serialize();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pending = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(_receive, SocketFlags.None, _remote, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException exception)
            {
                // e.g. an ICMP port unreachable reported on a later receive: the socket is still good.
                Log.ReceiveFailed(_logger, exception, _interfaceName);
                continue;
            }

            var slot = pending;
            DhcpProcessResult result;
            try
            {
                var (source, sourcePort) = ReadEndPoint(_remote);
                var context = new DhcpPacketContext(_interfaceIndex, source, sourcePort, _bootServerPort, _time.GetUtcNow().ToUnixTimeMilliseconds());
                result = _engine.Process(_receive.AsSpan(0, received), context, _replies[slot]);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The engine never throws on bad bytes; this guards the loop against bugs, not input.
                Log.EngineFailed(_logger, exception, _interfaceName);
                continue;
            }

            if (result.HasReply)
            {
                WriteEndPoint(_destinations[slot], result.Destination, result.DestinationPort);
                _replyLengths[slot] = result.ReplyLength;
                if (result.RequiresFlush)
                {
                    pending++;
                }
                else
                {
                    await SendAsync(slot, cancellationToken).ConfigureAwait(false);
                }
            }

            // Group commit: keep collecting while more requests are already waiting, then one flush for all.
            if (pending == MaxBatch || (pending > 0 && _socket.Available == 0))
            {
                pending = await FlushAndSendAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            else if (pending == 0 && _socket.Available == 0 && _engine.HasUnflushedChanges)
            {
                // Releases and declines have no reply but are still made durable promptly.
                await FlushAndSendAsync(0, cancellationToken).ConfigureAwait(false);
            }
        }

        if (pending > 0)
        {
            await FlushAndSendAsync(pending, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async ValueTask<int> FlushAndSendAsync(int pending, CancellationToken cancellationToken)
    {
        try
        {
            _engine.Flush();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not durable, so not acknowledged: the clients retry and will be answered once the disk recovers.
            Log.FlushFailed(_logger, exception);
            return 0;
        }

        for (var i = 0; i < pending; i++)
        {
            await SendAsync(i, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private async ValueTask SendAsync(int slot, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(_replies[slot].AsMemory(0, _replyLengths[slot]), SocketFlags.None, _destinations[slot], cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            Log.SendFailed(_logger, exception, _interfaceName, _destinations[slot].ToString());
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>sockaddr_in: family (2 bytes), port (2, network order), address (4).</summary>
    private static (Ipv4Address Address, int Port) ReadEndPoint(SocketAddress address)
    {
        var bytes = address.Buffer.Span;
        return (Ipv4Address.Read(bytes[4..]), (bytes[2] << 8) | bytes[3]);
    }

    private static void WriteEndPoint(SocketAddress address, Ipv4Address destination, int port)
    {
        var bytes = address.Buffer.Span;
        bytes[2] = (byte)(port >> 8);
        bytes[3] = (byte)port;
        destination.WriteTo(bytes[4..]);
    }
}
