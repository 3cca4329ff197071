using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DhcpLoadGen;

/// <summary>
/// N simulated clients on one UDP socket. The sender thread starts exchanges (paced at a fixed rate, or to keep K in
/// flight) and times them out; the receiver thread matches replies by xid, answers each OFFER with a REQUEST at once
/// and, in closed loop, starts the next exchange on each ACK. Client state lives in arrays indexed by slot
/// (xid = run sequence number, slot = sequence mod N); state changes are compare-and-swap, so a late reply and a
/// timeout never both count. Nothing is allocated per packet.
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    private const int Idle = 0;
    private const int Discovering = 1;
    private const int Requesting = 2;
    private const int Done = 3;
    private const int TimedOut = 4;
    private const int MaxSequence = 1 << 30;

    private readonly LoadOptions _options;
    private readonly Socket _socket;
    private readonly SocketAddress _destination;
    private readonly int _clients;
    private readonly long _timeoutTicks;
    private readonly uint[] _xid;
    private readonly int[] _state;
    private readonly long[] _startedAt;
    private readonly long[] _sentAt;
    private readonly LatencyHistogram _offerLatency = new();
    private readonly LatencyHistogram _ackLatency = new();
    private readonly LatencyHistogram _exchangeLatency = new();
    private long _nextSequence;
    private long _oldest;
    private long _discovers;
    private long _offers;
    private long _requests;
    private long _acks;
    private long _naks;
    private long _unmatched;
    private long _discoverTimeouts;
    private long _requestTimeouts;
    private long _sendErrors;
    private long _inFlight;
    private long _startTimestamp;
    private long _lastCompletion;
    private volatile bool _starting = true;
    private volatile bool _receiving = true;

    public LoadGenerator(LoadOptions options)
    {
        _options = options;
        _clients = options.Clients;
        _timeoutTicks = options.TimeoutMilliseconds * Stopwatch.Frequency / 1000;
        _xid = new uint[_clients];
        _state = new int[_clients];
        _startedAt = new long[_clients];
        _sentAt = new long[_clients];
        _socket = OpenSocket(options);
        _destination = new IPEndPoint(options.Server.ToIPAddress(), 67).Serialize();
    }

    public void Dispose() => _socket.Dispose();

    public LoadResult Run()
    {
        var receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "loadgen-receive", Priority = ThreadPriority.AboveNormal };
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        _startTimestamp = Stopwatch.GetTimestamp();
        receiver.Start();
        SendLoop();

        // Drain: no new exchanges; wait for the ones in flight to answer or time out.
        _starting = false;
        var drainEnd = Stopwatch.GetTimestamp() + _timeoutTicks + (Stopwatch.Frequency / 10);
        while (Interlocked.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < drainEnd)
        {
            ScanTimeouts(Stopwatch.GetTimestamp());
            Thread.Sleep(5);
        }

        ScanTimeouts(long.MaxValue);
        _receiving = false;
        receiver.Join();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var window = _options.Seconds;
        var completedAt = Math.Max(Stopwatch.GetElapsedTime(_startTimestamp, Math.Max(_lastCompletion, _startTimestamp)).TotalSeconds, window);
        return new LoadResult(
            _options, window, completedAt, _discovers, _offers, _requests, _acks, _naks, _unmatched, _discoverTimeouts, _requestTimeouts,
            _sendErrors, cpu.TotalSeconds, _offerLatency, _ackLatency, _exchangeLatency);
    }

    private void SendLoop()
    {
        var buffer = new byte[1500];
        var mac = new byte[6];
        var frequency = (double)Stopwatch.Frequency;
        var end = _startTimestamp + (long)(_options.Seconds * frequency);
        var nextScan = _startTimestamp;
        var scanEvery = Stopwatch.Frequency / 100;
        if (_options.ClosedLoop)
        {
            for (var i = 0; i < _options.Outstanding; i++)
            {
                StartExchange(buffer, mac, Stopwatch.GetTimestamp());
            }
        }

        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= end)
            {
                return;
            }

            if (!_options.ClosedLoop)
            {
                // Open loop: exchanges are due at a fixed rate from the start, whatever the server does.
                var due = (long)((now - _startTimestamp) / frequency * _options.Rate);
                var burst = 0;
                while (Volatile.Read(ref _nextSequence) < due && burst++ < 4096)
                {
                    StartExchange(buffer, mac, now);
                }
            }

            if (now >= nextScan)
            {
                ScanTimeouts(now);
                nextScan = now + scanEvery;
            }

            if (_options.ClosedLoop)
            {
                // Timed-out exchanges are replaced here; answered ones by the receiver.
                while (Interlocked.Read(ref _inFlight) < _options.Outstanding)
                {
                    StartExchange(buffer, mac, now);
                }
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Starts the next exchange with a DISCOVER; called by the sender, and by the receiver in closed loop.</summary>
    private void StartExchange(Span<byte> buffer, Span<byte> mac, long now)
    {
        var sequence = Interlocked.Increment(ref _nextSequence) - 1;
        if (sequence >= MaxSequence)
        {
            return;
        }

        var slot = (int)(sequence % _clients);
        var previous = Volatile.Read(ref _state[slot]);
        if (previous is Discovering or Requesting && Interlocked.CompareExchange(ref _state[slot], TimedOut, previous) == previous)
        {
            // The slot's previous exchange is still open when its client is needed again: it counts as dropped.
            Interlocked.Increment(ref previous == Discovering ? ref _discoverTimeouts : ref _requestTimeouts);
            Interlocked.Decrement(ref _inFlight);
        }

        var xid = (uint)sequence;
        _xid[slot] = xid;
        _startedAt[slot] = now;
        _sentAt[slot] = now;
        Volatile.Write(ref _state[slot], Discovering);
        Interlocked.Increment(ref _inFlight);
        ClientPackets.WriteMac(mac, _options.RunId, slot);
        var length = ClientPackets.Discover(buffer, _options.Mode, _options.Local, xid, mac);
        Interlocked.Increment(ref _discovers);
        Send(buffer[..length]);
    }

    /// <summary>
    /// Exchanges are started in sequence order, so walking from the oldest open one finds every expired exchange and
    /// can stop at the first that started less than a timeout ago.
    /// </summary>
    private void ScanTimeouts(long now)
    {
        var next = Volatile.Read(ref _nextSequence);
        var advance = true;
        for (var sequence = _oldest; sequence < Math.Min(next, MaxSequence); sequence++)
        {
            var slot = (int)(sequence % _clients);
            if (_xid[slot] != (uint)sequence)
            {
                // Already reused for a newer exchange: this one was resolved then.
                if (advance)
                {
                    _oldest = sequence + 1;
                }

                continue;
            }

            var state = Volatile.Read(ref _state[slot]);
            if (state is Discovering or Requesting)
            {
                if (now != long.MaxValue && now - _startedAt[slot] < _timeoutTicks)
                {
                    break;
                }

                if (now - _sentAt[slot] >= _timeoutTicks && Interlocked.CompareExchange(ref _state[slot], TimedOut, state) == state)
                {
                    Interlocked.Increment(ref state == Discovering ? ref _discoverTimeouts : ref _requestTimeouts);
                    Interlocked.Decrement(ref _inFlight);
                    state = TimedOut;
                }
            }

            if (state is Discovering or Requesting)
            {
                advance = false;
            }
            else if (advance)
            {
                _oldest = sequence + 1;
            }
        }
    }

    private void ReceiveLoop()
    {
        var receive = new byte[2048];
        var reply = new byte[1500];
        var mac = new byte[6];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (_receiving)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(receive, SocketFlags.None, from);
            }
            catch (SocketException exception) when (exception.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            if (!DhcpMessageReader.TryParse(receive.AsSpan(0, received), out var message, out _) || message.Op != DhcpOpcode.BootReply)
            {
                Interlocked.Increment(ref _unmatched);
                continue;
            }

            var xid = message.TransactionId;
            var slot = (int)(xid % (uint)_clients);
            if (xid >= MaxSequence || _xid[slot] != xid)
            {
                Interlocked.Increment(ref _unmatched);
                continue;
            }

            switch (message.MessageType)
            {
                case DhcpMessageType.Offer when _options.Mode == LoadMode.Proxy:
                    // A proxy OFFER carries boot options and no address (PXE 2.1 §2.2.5): the exchange is complete.
                    if (!message.YourAddress.IsUnspecified || !message.TryGetVendorClassIdentifier(out var vendor) || !vendor.StartsWith("PXEClient"u8))
                    {
                        Interlocked.Increment(ref _unmatched);
                    }
                    else if (Transition(slot, Discovering, Done))
                    {
                        Interlocked.Increment(ref _offers);
                        _offerLatency.Record(now - _sentAt[slot]);
                        _exchangeLatency.Record(now - _startedAt[slot]);
                        Complete(reply, mac, now);
                    }

                    break;
                case DhcpMessageType.Offer:
                    if (message.YourAddress.IsUnspecified || !message.TryGetServerIdentifier(out var server) || !Transition(slot, Discovering, Requesting))
                    {
                        Interlocked.Increment(ref _unmatched);
                        break;
                    }

                    Interlocked.Increment(ref _offers);
                    _offerLatency.Record(now - _sentAt[slot]);
                    ClientPackets.WriteMac(mac, _options.RunId, slot);
                    var length = ClientPackets.Request(reply, _options.Mode, _options.Local, xid, mac, message.YourAddress, server);
                    _sentAt[slot] = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref _requests);
                    Send(reply.AsSpan(0, length));
                    break;
                case DhcpMessageType.Ack when Transition(slot, Requesting, Done):
                    Interlocked.Increment(ref _acks);
                    _ackLatency.Record(now - _sentAt[slot]);
                    _exchangeLatency.Record(now - _startedAt[slot]);
                    Complete(reply, mac, now);
                    break;
                case DhcpMessageType.Nak when Transition(slot, Requesting, Done):
                    Interlocked.Increment(ref _naks);
                    Complete(reply, mac, now);
                    break;
                default:
                    // Late (after its timeout), duplicate, or not a reply this client expects.
                    Interlocked.Increment(ref _unmatched);
                    break;
            }
        }
    }

    private bool Transition(int slot, int from, int to) => Interlocked.CompareExchange(ref _state[slot], to, from) == from;

    private void Complete(Span<byte> buffer, Span<byte> mac, long now)
    {
        Interlocked.Decrement(ref _inFlight);
        _lastCompletion = now;
        if (_options.ClosedLoop && _starting)
        {
            StartExchange(buffer, mac, now);
        }
    }

    private void Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, _destination);
        }
        catch (SocketException)
        {
            // ENOBUFS and the like: the packet is lost like any other, and counted.
            Interlocked.Increment(ref _sendErrors);
        }
    }

    private static Socket OpenSocket(LoadOptions options)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = 4 << 20;
            socket.SendBufferSize = 4 << 20;
            socket.ReceiveTimeout = 100;
            if (options.Mode == LoadMode.Relay)
            {
                // A relay agent listens on the server port of its own address (RFC 1542 §4.1).
                socket.Bind(new IPEndPoint(options.Local.ToIPAddress(), 67));
            }
            else
            {
                socket.EnableBroadcast = true;
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                const int SolSocket = 1;
                const int SoBindToDevice = 25;
                socket.SetRawSocketOption(SolSocket, SoBindToDevice, Encoding.ASCII.GetBytes(options.Interface + "\0"));
                socket.Bind(new IPEndPoint(IPAddress.Any, 68));
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
