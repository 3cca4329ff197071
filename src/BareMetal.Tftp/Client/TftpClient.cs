using System.Buffers;
using System.Net;
using System.Net.Sockets;
using BareMetal.Tftp.Transfer;

namespace BareMetal.Tftp;

/// <summary>
/// A TFTP client: get and put with every option (blksize, tsize, timeout, utimeout, windowsize), driven by
/// the same pure state machines as the server. Thread-safe: each call uses its own socket.
/// </summary>
public sealed class TftpClient
{
    private readonly TftpClientOptions _defaults;
    private readonly TftpClock _clock;

    /// <summary>Creates a client.</summary>
    /// <param name="defaults">Options used when a call passes none.</param>
    /// <param name="timeProvider">The clock and timers of retransmissions and timeouts; <see cref="TimeProvider.System"/> when null.</param>
    public TftpClient(TftpClientOptions? defaults = null, TimeProvider? timeProvider = null)
    {
        _defaults = defaults ?? new TftpClientOptions();
        _clock = timeProvider is null ? TftpClock.System : new TftpClock(timeProvider);
    }

    /// <summary>Creates every socket (tests use it to open sockets inside a network namespace).</summary>
    internal Func<AddressFamily, Socket>? SocketFactory { get; set; }

    /// <summary>Downloads a file (RRQ) into <paramref name="destination"/>.</summary>
    /// <param name="server">The server's address and port (usually 69).</param>
    /// <param name="fileName">The remote file name.</param>
    /// <param name="destination">Receives the bytes in order.</param>
    /// <param name="options">Options for this call, or null for the client's defaults.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>What was transferred.</returns>
    /// <exception cref="TftpException">The server refused, stopped answering or broke the protocol.</exception>
    public async Task<TftpTransferResult> GetAsync(IPEndPoint server, string fileName, Stream destination, TftpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= _defaults;
        var requested = options.ToRequestOptions(0);
        using var session = new Session(this, server, options, requested);
        var started = _clock.NowMicroseconds;
        session.SendRequest(TftpOpcode.ReadRequest, fileName);
        var receiver = new TftpReceiver();
        var acknowledged = default(TftpOptions);
        var started2 = false;
        long bytes = 0;
        var retransmissions = 0;
        var receiveTimeout = TftpClock.ToMicroseconds(options.RetransmitTimeout);
        var idle = TftpClock.ToMicroseconds(options.IdleTimeout);
        var requestTries = 0;
        while (true)
        {
            var (received, timedOut) = await session.ReceiveAsync(started2 ? receiver.Deadline : session.RequestDeadline, cancellationToken).ConfigureAwait(false);
            var now = _clock.NowMicroseconds;
            if (timedOut)
            {
                if (!started2)
                {
                    if (++requestTries > options.MaxRetransmissions)
                    {
                        throw new TftpException($"No answer from {server} to the read request for '{fileName}'.") { IsTimeout = true };
                    }

                    retransmissions++;
                    session.ResendRequest();
                    continue;
                }

                switch (receiver.OnTick(now))
                {
                    case TickOutcome.Retransmit:
                        retransmissions++;
                        session.SendAck(receiver.Received == 0 ? (ushort)0 : receiver.AckBlock);
                        continue;
                    case TickOutcome.TimedOut:
                        throw new TftpException($"Transfer of '{fileName}' from {server} timed out after {bytes} bytes.") { IsTimeout = true };
                    default:
                        continue;
                }
            }

            if (!TftpPacket.TryParse(session.Buffer.AsSpan(0, received), out var packet, out _))
            {
                continue;
            }

            switch (packet.Opcode)
            {
                case TftpOpcode.Error:
                    throw new TftpException(packet.ErrorCode, packet.GetErrorMessageString());
                case TftpOpcode.OptionAck when !started2:
                    acknowledged = TftpOptions.Read(packet.Options);
                    if (!IsAcceptable(requested, acknowledged))
                    {
                        session.SendError(TftpErrorCode.OptionNegotiationFailed, "unacceptable options");
                        throw new TftpException(TftpErrorCode.OptionNegotiationFailed, $"The server acknowledged options that were not asked for: {acknowledged}.");
                    }

                    receiver.Start(acknowledged.BlockSize ?? TftpOptions.DefaultBlockSize, acknowledged.WindowSize ?? 1, receiveTimeout, options.MaxRetransmissions, idle, now);
                    started2 = true;
                    session.SendAck(0); // RFC 2347: the client acknowledges the OACK with ACK 0.
                    continue;
                case TftpOpcode.Data:
                    if (!started2)
                    {
                        // No OACK: the server ignored the options (RFC 2347), plain RFC 1350 follows.
                        receiver.Start(TftpOptions.DefaultBlockSize, 1, receiveTimeout, options.MaxRetransmissions, idle, now);
                        started2 = true;
                    }

                    var dataLength = packet.Data.Length;
                    var outcome = receiver.OnData(packet.Block, dataLength, now);
                    if (outcome is DataOutcome.Accepted or DataOutcome.AcceptedAndAck or DataOutcome.Completed)
                    {
                        await destination.WriteAsync(session.Buffer.AsMemory(received - dataLength, dataLength), cancellationToken).ConfigureAwait(false);
                        bytes += dataLength;
                    }

                    if (outcome is DataOutcome.AcceptedAndAck or DataOutcome.AckOnly or DataOutcome.Completed)
                    {
                        session.SendAck(receiver.AckBlock);
                    }

                    if (outcome == DataOutcome.Completed)
                    {
                        return new TftpTransferResult(bytes, acknowledged, TimeSpan.FromMicroseconds(_clock.NowMicroseconds - started), retransmissions);
                    }

                    continue;
                default:
                    continue;
            }
        }
    }

    /// <summary>Uploads <paramref name="source"/> (WRQ) from its current position to its end.</summary>
    /// <param name="server">The server's address and port.</param>
    /// <param name="fileName">The remote file name.</param>
    /// <param name="source">The bytes to send (copied to memory first when not seekable).</param>
    /// <param name="options">Options for this call, or null for the client's defaults.</param>
    /// <param name="cancellationToken">Cancels the transfer.</param>
    /// <returns>What was transferred.</returns>
    /// <exception cref="TftpException">The server refused, stopped answering or broke the protocol.</exception>
    public async Task<TftpTransferResult> PutAsync(IPEndPoint server, string fileName, Stream source, TftpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(source);
        options ??= _defaults;
        MemoryStream? copy = null;
        if (!source.CanSeek)
        {
            copy = new MemoryStream();
            await source.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            source = copy;
        }

        try
        {
            var origin = source.Position;
            var length = source.Length - origin;
            var requested = options.ToRequestOptions(length);
            using var session = new Session(this, server, options, requested);
            var started = _clock.NowMicroseconds;
            session.SendRequest(TftpOpcode.WriteRequest, fileName);
            var sender = new TftpSender();
            var acknowledged = default(TftpOptions);
            var running = false;
            var requestTries = 0;
            var blockSize = TftpOptions.DefaultBlockSize;
            var block = ArrayPool<byte>.Shared.Rent(TftpPacketWriter.DataHeaderLength + TftpOptions.MaxBlockSize);
            try
            {
                while (true)
                {
                    var (received, timedOut) = await session.ReceiveAsync(running ? sender.Deadline : session.RequestDeadline, cancellationToken).ConfigureAwait(false);
                    var now = _clock.NowMicroseconds;
                    if (timedOut)
                    {
                        if (!running)
                        {
                            if (++requestTries > options.MaxRetransmissions)
                            {
                                throw new TftpException($"No answer from {server} to the write request for '{fileName}'.") { IsTimeout = true };
                            }

                            session.ResendRequest();
                            continue;
                        }

                        switch (sender.OnTick(now))
                        {
                            case TickOutcome.Retransmit:
                                await PumpAsync().ConfigureAwait(false);
                                continue;
                            case TickOutcome.TimedOut:
                                throw new TftpException($"Upload of '{fileName}' to {server} timed out.") { IsTimeout = true };
                            default:
                                continue;
                        }
                    }

                    if (!TftpPacket.TryParse(session.Buffer.AsSpan(0, received), out var packet, out _))
                    {
                        continue;
                    }

                    if (packet.Opcode == TftpOpcode.Error)
                    {
                        throw new TftpException(packet.ErrorCode, packet.GetErrorMessageString());
                    }

                    if (!running && packet.Opcode is TftpOpcode.OptionAck or TftpOpcode.Ack)
                    {
                        if (packet.Opcode == TftpOpcode.Ack && packet.Block != 0)
                        {
                            continue;
                        }

                        if (packet.Opcode == TftpOpcode.OptionAck)
                        {
                            acknowledged = TftpOptions.Read(packet.Options);
                            if (!IsAcceptable(requested, acknowledged))
                            {
                                session.SendError(TftpErrorCode.OptionNegotiationFailed, "unacceptable options");
                                throw new TftpException(TftpErrorCode.OptionNegotiationFailed, $"The server acknowledged options that were not asked for: {acknowledged}.");
                            }
                        }

                        blockSize = acknowledged.BlockSize ?? TftpOptions.DefaultBlockSize;
                        var timer = new RetransmitTimer(TftpClock.ToMicroseconds(options.RetransmitTimeout), TftpClock.ToMicroseconds(options.MinRetransmitTimeout), Math.Max(TftpClock.ToMicroseconds(options.RetransmitTimeout), 1_000_000));
                        sender.Start(length, blockSize, acknowledged.WindowSize ?? 1, false, timer, options.MaxRetransmissions, TftpClock.ToMicroseconds(options.IdleTimeout), now);
                        running = true;
                        await PumpAsync().ConfigureAwait(false);
                        continue;
                    }

                    if (running && packet.Opcode == TftpOpcode.Ack)
                    {
                        switch (sender.OnAck(packet.Block, now))
                        {
                            case AckOutcome.Completed:
                                return new TftpTransferResult(length, acknowledged, TimeSpan.FromMicroseconds(_clock.NowMicroseconds - started), sender.Retransmissions);
                            case AckOutcome.Advanced:
                            case AckOutcome.RolledBack:
                                await PumpAsync().ConfigureAwait(false);
                                break;
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }

            async ValueTask PumpAsync()
            {
                while (sender.TryTakeNext(_clock.NowMicroseconds, out var next))
                {
                    var offset = (next - 1) * blockSize;
                    var count = (int)Math.Clamp(length - offset, 0, blockSize);
                    source.Position = origin + offset;
                    var read = 0;
                    while (read < count)
                    {
                        var n = await source.ReadAsync(block.AsMemory(TftpPacketWriter.DataHeaderLength + read, count - read), cancellationToken).ConfigureAwait(false);
                        if (n == 0)
                        {
                            throw new TftpException($"The source stream ended before its length ({length} bytes).");
                        }

                        read += n;
                    }

                    TftpPacketWriter.TryWriteDataHeader(block, BlockNumbers.ToWire(next));
                    session.Send(block.AsSpan(0, TftpPacketWriter.DataHeaderLength + count));
                }
            }
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>RFC 2347: an OACK may only carry options the client asked for, with values it can accept.</summary>
    private static bool IsAcceptable(TftpOptions requested, TftpOptions acknowledged) =>
        (acknowledged.BlockSize is null || (requested.BlockSize is { } b && acknowledged.BlockSize <= b))
        && (acknowledged.WindowSize is null || (requested.WindowSize is { } w && acknowledged.WindowSize <= w))
        && (acknowledged.TransferSize is null || requested.TransferSize is not null)
        && (acknowledged.TimeoutSeconds is null || requested.TimeoutSeconds is not null)
        && (acknowledged.TimeoutMicroseconds is null || requested.TimeoutMicroseconds is not null);

    /// <summary>The socket, the peer's transfer identifier and the timed receive of one transfer.</summary>
    private sealed class Session : IDisposable
    {
        private readonly Socket _socket;
        private readonly IPEndPoint _server;
        private readonly TftpClientOptions _options;
        private readonly TftpOptions _requested;
        private readonly SocketAddress _from;
        private readonly byte[] _request = new byte[600];
        private readonly TftpClock _clock;
        private CancellationTokenSource _timeout;
        private SocketAddress? _peer;
        private int _requestLength;
        private long _requestSentAt;

        public Session(TftpClient client, IPEndPoint server, TftpClientOptions options, TftpOptions requested)
        {
            _server = server;
            _clock = client._clock;

            // Receive deadlines run on the client's TimeProvider too (CancelAfter uses the source's provider).
            _timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _clock.Time);
            _options = options;
            _requested = requested;
            _socket = TftpSockets.Create(client.SocketFactory, server.AddressFamily, null);
            _socket.Bind(options.LocalEndPoint ?? new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            _from = new SocketAddress(server.AddressFamily);
            Buffer = ArrayPool<byte>.Shared.Rent(TftpPacketWriter.DataHeaderLength + TftpOptions.MaxBlockSize + 1);
        }

        public byte[] Buffer { get; }

        public long RequestDeadline => _requestSentAt + TftpClock.ToMicroseconds(_options.RetransmitTimeout);

        public void SendRequest(TftpOpcode opcode, string fileName)
        {
            if (!TftpPacketWriter.TryWriteRequest(_request, opcode, fileName, _options.Mode, _requested, out _requestLength))
            {
                throw new ArgumentException($"The file name '{fileName}' is not printable ASCII or is too long for a request.", nameof(fileName));
            }

            ResendRequest();
        }

        public void ResendRequest()
        {
            _requestSentAt = _clock.NowMicroseconds;
            TftpSockets.TrySend(_socket, _request.AsSpan(0, _requestLength), _server.Serialize());
        }

        public void SendAck(ushort block)
        {
            Span<byte> ack = stackalloc byte[4];
            TftpPacketWriter.TryWriteAck(ack, block, out _);
            Send(ack);
        }

        public void SendError(TftpErrorCode code, string message)
        {
            Span<byte> packet = stackalloc byte[128];
            if (TftpPacketWriter.TryWriteError(packet, code, message, out var written))
            {
                Send(packet[..written]);
            }
        }

        public void Send(ReadOnlySpan<byte> packet)
        {
            if (_peer is not null)
            {
                TftpSockets.TrySend(_socket, packet, _peer);
            }
        }

        /// <summary>Waits for a datagram from the server's transfer port until <paramref name="deadline"/>.</summary>
        public async ValueTask<(int Received, bool TimedOut)> ReceiveAsync(long deadline, CancellationToken cancellationToken)
        {
            while (true)
            {
                var wait = deadline - _clock.NowMicroseconds;
                if (wait <= 0)
                {
                    return (0, true);
                }

                if (!_timeout.TryReset())
                {
                    // The last wait timed out: a cancelled source cannot be reused.
                    _timeout.Dispose();
                    _timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _clock.Time);
                }

                _timeout.CancelAfter(TimeSpan.FromMicroseconds(Math.Max(wait, 500)));
                using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token) : null;
                int received;
                try
                {
                    received = await _socket.ReceiveFromAsync(Buffer.AsMemory(), SocketFlags.None, _from, linked?.Token ?? _timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return (0, true);
                }
                catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
                {
                    continue;
                }

                if (_peer is null)
                {
                    // RFC 1350 section 4: the server answers from a new port, which becomes its transfer ID.
                    var endPoint = TftpSockets.ToEndPoint(_from);
                    if (!endPoint.Address.Equals(_server.Address))
                    {
                        continue;
                    }

                    _peer = new SocketAddress(_from.Family, _from.Size);
                    _from.Buffer.Span[.._from.Size].CopyTo(_peer.Buffer.Span);
                }
                else if (!_from.Equals(_peer))
                {
                    // A packet from another port: tell it so and carry on (RFC 1350 section 4).
                    Span<byte> error = stackalloc byte[32];
                    TftpPacketWriter.TryWriteError(error, TftpErrorCode.UnknownTransferId, "unknown transfer ID", out var written);
                    TftpSockets.TrySend(_socket, error[..written], _from);
                    continue;
                }

                return (received, false);
            }
        }

        public void Dispose()
        {
            _socket.Dispose();
            _timeout.Dispose();
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
