using System.Net;
using System.Net.Sockets;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Observability;
using Microsoft.Extensions.Logging;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>
/// One socket around the engine, with every buffer allocated once, and two threads of its own (no thread pool: on two
/// cores its wake-ups and spinning cost more than the engine). The receive thread takes up to 32 datagrams per
/// recvmmsg(2), runs the engine on each and sends the batch's offers, NAKs and proxy replies with one sendmmsg(2);
/// elsewhere than Linux it blocks in <see cref="Socket.ReceiveFrom(Span{byte}, SocketFlags, SocketAddress)"/> (also
/// allocation-free). Replies that acknowledge a lease go into a ring of reply slots; the flushing thread
/// group-commits them: it forces the lease journal once for everything in the ring, then sends those replies. So no
/// DHCPACK leaves before its lease is on disk, and the disk never holds up the receive loop.
/// </summary>
internal sealed class DhcpUdpTransport : IDisposable
{
    private const int RingSize = ReplyRing.DefaultCapacity;
    private const int BufferSize = MmsgLayout.SlotBytes;
    private readonly DhcpServerEngine _engine;
    private readonly Socket _socket;
    private readonly int _interfaceIndex;
    private readonly string _interfaceName;
    private readonly bool _bootServerPort;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly byte[] _receive = new byte[BufferSize];
    private readonly byte[] _reply = new byte[BufferSize];
    private readonly SocketAddress _remote = new(AddressFamily.InterNetwork);
    private readonly ReplyRing _ring = new();
    private readonly DatagramBatchReceiver? _batchReceiver = OperatingSystem.IsLinux() ? new() : null;
    private readonly ReplyRing _immediate = new(DatagramBatchReceiver.Batch);
    private int _immediateCount;
    private readonly SemaphoreSlim _space = new(RingSize, RingSize);
    private readonly AutoResetEvent _work = new(false);
    private readonly Lock _ringGate = new();
    private long _head;
    private long _tail;
    private volatile bool _stopping;

    public DhcpUdpTransport(DhcpServerEngine engine, Socket socket, int interfaceIndex, string interfaceName, bool bootServerPort, ILogger logger, TimeProvider time)
    {
        _engine = engine;
        _socket = socket;
        _interfaceIndex = interfaceIndex;
        _interfaceName = interfaceName;
        _bootServerPort = bootServerPort;
        _logger = logger;
        _time = time;
    }

    /// <summary>Starts the receive and flush threads; the task completes when both have stopped (after cancellation).</summary>
    public Task Start(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flusher = new Thread(FlushLoop) { IsBackground = true, Name = $"dhcp-flush-{_interfaceName}" };
        var receiver = new Thread(() =>
        {
            try
            {
                ReceiveLoop(cancellationToken);
            }
            finally
            {
                _stopping = true;
                _work.Set();
                flusher.Join();
                Dispose();
                done.TrySetResult();
            }
        })
        { IsBackground = true, Name = $"dhcp-receive-{_interfaceName}" };
        flusher.Start();
        receiver.Start();
        return done.Task;
    }

    public void Dispose()
    {
        _work.Dispose();
        _space.Dispose();
    }

    private void ReceiveLoop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_batchReceiver is { } batch)
            {
                // Linux: a batch per system call; the replies that need no flush leave together at its end.
                int count;
                try
                {
                    count = batch.Receive(_socket);
                }
                catch (SocketException exception)
                {
                    Log.ReceiveFailed(_logger, exception, _interfaceName);
                    continue;
                }

                if (count < 0)
                {
                    break;
                }

                for (var i = 0; i < count; i++)
                {
                    var (source, port) = batch.Source(i);
                    if (!Handle(batch.Datagram(i), source, port, cancellationToken))
                    {
                        return;
                    }
                }

                SendImmediate();
                continue;
            }

            int received;
            try
            {
                received = _socket.ReceiveFrom(_receive, SocketFlags.None, _remote);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException exception)
            {
                // The receive timeout (so a stop is noticed), a closed socket, or e.g. an ICMP port unreachable
                // reported on a later receive: the socket is still good unless we are stopping.
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (exception.SocketErrorCode is not (SocketError.TimedOut or SocketError.WouldBlock))
                {
                    Log.ReceiveFailed(_logger, exception, _interfaceName);
                }

                continue;
            }

            var (from, fromPort) = ReadEndPoint(_remote);
            if (!Handle(_receive.AsSpan(0, received), from, fromPort, cancellationToken))
            {
                break;
            }

            SendImmediate();
        }
    }

    /// <summary>Runs the engine on one datagram and queues its reply; false when the loop must stop.</summary>
    private bool Handle(ReadOnlySpan<byte> datagram, Ipv4Address source, int sourcePort, CancellationToken cancellationToken)
    {
        DhcpProcessResult result;
        try
        {
            var context = new DhcpPacketContext(_interfaceIndex, source, sourcePort, _bootServerPort, _time.GetUtcNow().ToUnixTimeMilliseconds());
            result = _engine.Process(datagram, context, _reply);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The engine never throws on bad bytes; this guards the loop against bugs, not input.
            Log.EngineFailed(_logger, exception, _interfaceName);
            return true;
        }

        if (!result.HasReply)
        {
            if (result.IgnoreReason == DhcpIgnoreReason.NoReplyExpected)
            {
                // Releases and declines have no reply but are made durable promptly all the same.
                _work.Set();
            }

            return true;
        }

        if (!result.RequiresFlush)
        {
            // Offers, NAKs and proxy replies: sent at the end of the receive batch.
            _immediate.Store(_immediateCount++, _reply.AsSpan(0, result.ReplyLength), result.Destination, result.DestinationPort);
            return true;
        }

        // Wait for a free slot (only when a slow disk has 1,024 acknowledgements in flight).
        try
        {
            _space.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        var slot = (int)(_tail % RingSize);
        _ring.Store(slot, _reply.AsSpan(0, result.ReplyLength), result.Destination, result.DestinationPort);
        lock (_ringGate)
        {
            _tail++;
        }

        _work.Set();
        return true;
    }

    private void SendImmediate()
    {
        if (_immediateCount == 0)
        {
            return;
        }

        var failures = _immediate.Send(_socket, 0, _immediateCount);
        if (failures > 0)
        {
            Log.RepliesNotSent(_logger, _interfaceName, failures, _immediateCount);
        }

        _immediateCount = 0;
    }

    /// <summary>Group commit: one journal flush for every acknowledgement queued so far, then send them.</summary>
    private void FlushLoop()
    {
        while (true)
        {
            _work.WaitOne(TimeSpan.FromMilliseconds(250));
            long start;
            long end;
            lock (_ringGate)
            {
                start = _head;
                end = _tail;
            }

            if (start == end && !_engine.HasUnflushedChanges)
            {
                if (_stopping)
                {
                    return;
                }

                continue;
            }

            try
            {
                _engine.Flush();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not durable, so not acknowledged: the clients retry and are answered once the disk recovers.
                Log.FlushFailed(_logger, exception);
                lock (_ringGate)
                {
                    var dropped = _tail - _head;
                    _head = _tail;
                    _space.Release((int)dropped);
                }

                continue;
            }

            var failures = _ring.Send(_socket, start, end);
            if (failures > 0)
            {
                Log.AcknowledgementsNotSent(_logger, _interfaceName, failures, (int)(end - start));
            }

            lock (_ringGate)
            {
                _head = end;
            }

            if (end > start)
            {
                _space.Release((int)(end - start));
            }
        }
    }

    /// <summary>sockaddr_in: family (2 bytes), port (2, network order), address (4).</summary>
    private static (Ipv4Address Address, int Port) ReadEndPoint(SocketAddress address)
    {
        var bytes = address.Buffer.Span;
        return (Ipv4Address.Read(bytes[4..]), (bytes[2] << 8) | bytes[3]);
    }
}
