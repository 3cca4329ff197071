using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.ObjectPool;

namespace BareMetal.Tftp;

/// <summary>
/// A TFTP server (RFC 1350, 2347-2349, 7440): a listener for requests, one socket per transfer (or a
/// single port), a timer of the injected <see cref="TimeProvider"/> that drives retransmissions, and pooled
/// transfer state. Read-only unless
/// <see cref="TftpServerOptions.AllowWrite"/> is set. Bad packets are logged and ignored or answered with
/// an ERROR; nothing a client sends makes it throw.
/// </summary>
public sealed class TftpServer : IAsyncDisposable
{
    private readonly TftpServerOptions _options;
    private readonly ITftpFileProvider _files;
    private readonly ILogger _logger;
    private readonly ITftpServerObserver[] _observers;
    private readonly ObjectPool<TftpServerTransfer> _pool;
    private readonly Dictionary<SocketAddress, TftpServerTransfer> _active = [];
    private readonly Dictionary<IPAddress, int> _perClient = [];
    private readonly Lock _activeGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(1);
    private readonly bool _ownsMetrics;
    private Socket? _listener;
    private Task? _listenTask;
    private ITimer? _ticker;
    private bool _tickerRunning;
    private int _ticking;
    private TftpServerTransfer[] _tickSnapshot = new TftpServerTransfer[64];

    /// <summary>Creates a server; call <see cref="StartAsync"/> to bind and serve.</summary>
    /// <param name="options">The settings (validated on start).</param>
    /// <param name="files">Where files come from.</param>
    /// <param name="logger">A logger, or null for none.</param>
    /// <param name="metrics">Instruments to record into, or null for a private set.</param>
    /// <param name="observers">Transfer observers.</param>
    /// <param name="timeProvider">The clock and timers of retransmissions and timeouts; <see cref="TimeProvider.System"/> when null.</param>
    public TftpServer(TftpServerOptions options, ITftpFileProvider files, ILogger<TftpServer>? logger = null, TftpMetrics? metrics = null, IEnumerable<ITftpServerObserver>? observers = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(files);
        _options = options;
        _files = files;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new TftpMetrics();
        _observers = observers?.ToArray() ?? [];
        Clock = timeProvider is null ? TftpClock.System : new TftpClock(timeProvider);
        _pool = new DefaultObjectPool<TftpServerTransfer>(new DefaultPooledObjectPolicy<TftpServerTransfer>(), Math.Min(options.MaxConcurrentTransfers, 4096));
    }

    /// <summary>The address and port the listener is bound to, once started.</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    /// <summary>Transfers in progress.</summary>
    public int ActiveTransfers
    {
        get
        {
            lock (_activeGate)
            {
                return _active.Count;
            }
        }
    }

    internal TftpMetrics Metrics { get; }

    internal TftpClock Clock { get; }

    /// <summary>Set by <c>AddTftpServer</c>, whose options validator has already checked the options at start.</summary>
    internal bool OptionsValidated { get; init; }

    internal TftpServerOptions Settings => _options;

    /// <summary>Creates every socket (tests use it to open sockets inside a network namespace).</summary>
    internal Func<AddressFamily, Socket>? SocketFactory { get; set; }

    /// <summary>Validates the options, binds the listener and starts serving.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once the listener is bound.</returns>
    /// <exception cref="InvalidOperationException">The options are invalid (the message lists each field and its fix).</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        // Hosted (AddTftpServer), the options were validated once at start by the options validator.
        var errors = OptionsValidated ? [] : _options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid TFTP server options: " + string.Join(" ", errors));
        }

        var address = IPAddress.Parse(_options.ListenAddress);
        var listener = TftpSockets.Create(SocketFactory, address.AddressFamily, _options.InterfaceName);
        try
        {
            listener.Bind(new IPEndPoint(address, _options.Port));
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        // Created stopped: it runs only while transfers are active (see StartTicker and Tick).
        _ticker = Clock.Time.CreateTimer(static state => ((TftpServer)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _listenTask = Task.Run(ListenAsync, CancellationToken.None);
        TftpServerLog.Listening(_logger, listener.LocalEndPoint!, _options.MaxBlockSize, _options.MaxWindowSize, _options.SinglePort ? "single port" : "socket per transfer");
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and ends every transfer.</summary>
    /// <param name="cancellationToken">Unused; stopping is prompt.</param>
    /// <returns>A task that completes when the listener has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_listenTask is not null)
        {
            await _listenTask.ConfigureAwait(false);
        }

        TftpServerTransfer[] remaining;
        lock (_activeGate)
        {
            remaining = [.. _active.Values];
        }

        foreach (var transfer in remaining)
        {
            transfer.Stop();
        }

        lock (_activeGate)
        {
            // Under the gate, so a tick cannot change the timer as it goes (a tick in flight only finds stopped transfers).
            _ticker?.Dispose();
            _ticker = null;
        }

        TftpServerLog.Stopped(_logger);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }

    internal void Return(TftpServerTransfer transfer) => _pool.Return(transfer);

    internal void Ignored(EndPoint remote, string reason)
    {
        Metrics.Ignored(reason);
        TftpServerLog.PacketIgnored(_logger, remote, reason);
    }

    internal void Unregister(TftpServerTransfer transfer)
    {
        lock (_activeGate)
        {
            if (_active.TryGetValue(transfer.RemoteAddress, out var current) && ReferenceEquals(current, transfer))
            {
                _active.Remove(transfer.RemoteAddress);
                var address = transfer.RemoteEndPoint.Address;
                if (_perClient.TryGetValue(address, out var count))
                {
                    if (count <= 1)
                    {
                        _perClient.Remove(address);
                    }
                    else
                    {
                        _perClient[address] = count - 1;
                    }
                }
            }
        }
    }

    internal void Report(TftpServerTransfer transfer, TftpFailureReason reason, string? message, long bytes, TimeSpan duration, int retransmissions)
    {
        var info = new TftpTransferEvent(transfer.RemoteEndPoint, transfer.FileName, transfer.Direction, transfer.Options, bytes, duration, retransmissions, reason, message);
        if (reason == TftpFailureReason.None)
        {
            Metrics.Completed(duration);
            if (transfer.Direction == TftpTransferDirection.Write)
            {
                Metrics.BytesReceived(bytes);
            }

            TftpServerLog.TransferCompleted(_logger, transfer.Direction, transfer.FileName, transfer.RemoteEndPoint, bytes, duration.TotalMilliseconds, retransmissions);
        }
        else
        {
            Metrics.Failed(reason, duration);
            TftpServerLog.TransferFailed(_logger, transfer.Direction, transfer.FileName, transfer.RemoteEndPoint, bytes, reason, message);
        }

        foreach (var observer in _observers)
        {
            try
            {
                if (reason == TftpFailureReason.None)
                {
                    observer.OnTransferCompleted(info);
                }
                else
                {
                    observer.OnTransferFailed(info);
                }
            }
#pragma warning disable CA1031 // An observer's bug must not take the transfer loop down; it is logged.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                TftpServerLog.ObserverFailed(_logger, exception, observer.GetType().Name, reason == TftpFailureReason.None ? nameof(ITftpServerObserver.OnTransferCompleted) : nameof(ITftpServerObserver.OnTransferFailed));
            }
        }
    }

    private async Task ListenAsync()
    {
        var listener = _listener!;
        var buffer = GC.AllocateUninitializedArray<byte>(65536, pinned: true);
        var from = new SocketAddress(listener.AddressFamily);
        while (!_stopping.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await listener.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, from, _stopping.Token).ConfigureAwait(false);
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
                // ICMP errors for earlier replies surface here on some stacks; the listener carries on.
                TftpServerLog.ReceiveFailed(_logger, exception);
                continue;
            }

            try
            {
                await OnListenerPacketAsync(buffer.AsMemory(0, received), from).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The listener must survive anything one request does (a provider bug included).
            catch (Exception exception)
#pragma warning restore CA1031
            {
                TftpServerLog.ReceiveFailed(_logger, exception);
            }
        }
    }

    private async Task OnListenerPacketAsync(ReadOnlyMemory<byte> datagram, SocketAddress from)
    {
        if (_options.SinglePort)
        {
            TftpServerTransfer? existing;
            lock (_activeGate)
            {
                _active.TryGetValue(from, out existing);
            }

            if (existing is not null)
            {
                existing.Deliver(datagram.Span);
                return;
            }
        }

        if (!TftpPacket.TryParse(datagram.Span, out var packet, out var error))
        {
            var remote = TftpSockets.ToEndPoint(from);
            Ignored(remote, "malformed request: " + error);
            if (datagram.Length >= 2 && datagram.Span[1] is 1 or 2 && datagram.Span[0] == 0)
            {
                // A broken request is answered (RFC 1350 section 7: illegal operation); other garbage is dropped.
                SendError(from, TftpErrorCode.IllegalOperation, "malformed request");
            }

            return;
        }

        if (!packet.IsRequest)
        {
            var remote = TftpSockets.ToEndPoint(from);
            Ignored(remote, _options.SinglePort ? "no transfer for " + packet.Opcode : "not a request: " + packet.Opcode);
            if (_options.SinglePort && packet.Opcode is TftpOpcode.Data or TftpOpcode.Ack)
            {
                SendError(from, TftpErrorCode.UnknownTransferId, "unknown transfer");
            }

            return;
        }

        await OnRequestAsync(packet.Opcode, packet.FileName.ToArray(), packet.Mode, TftpOptions.Read(packet.Options), from).ConfigureAwait(false);
    }

    private async Task OnRequestAsync(TftpOpcode opcode, byte[] rawName, TftpTransferMode mode, TftpOptions requested, SocketAddress from)
    {
        var remote = TftpSockets.ToEndPoint(from);
        var direction = opcode == TftpOpcode.ReadRequest ? TftpTransferDirection.Read : TftpTransferDirection.Write;
        if (!TftpFileName.TryDecode(rawName, _options.MaxFileNameLength, out var fileName, out var nameError))
        {
            Refuse(from, remote, direction, System.Text.Encoding.ASCII.GetString(rawName), TftpErrorCode.AccessViolation, "bad file name: " + nameError);
            return;
        }

        if (mode == TftpTransferMode.Mail)
        {
            Refuse(from, remote, direction, fileName, TftpErrorCode.IllegalOperation, "mail mode is not supported");
            return;
        }

        if (direction == TftpTransferDirection.Write && !_options.AllowWrite)
        {
            Refuse(from, remote, direction, fileName, TftpErrorCode.AccessViolation, "read-only server");
            return;
        }

        lock (_activeGate)
        {
            if (_active.ContainsKey(from))
            {
                // The client repeated its request because our first reply was lost: the ticker resends it.
                Ignored(remote, "duplicate request");
                return;
            }
        }

        if (direction == TftpTransferDirection.Write && requested.TransferSize is { } announced && announced > _options.MaxWriteSize)
        {
            Refuse(from, remote, direction, fileName, TftpErrorCode.DiskFull, "file too large");
            return;
        }

        var request = new TftpFileRequest(fileName, remote, mode, direction == TftpTransferDirection.Write ? requested.TransferSize : null);
        ITftpReadableFile? readFile = null;
        ITftpWritableFile? writeFile = null;
        try
        {
            if (direction == TftpTransferDirection.Read)
            {
                var opened = await _files.OpenReadAsync(request, _stopping.Token).ConfigureAwait(false);
                if (opened.File is null)
                {
                    Refuse(from, remote, direction, fileName, opened.ErrorCode, opened.ErrorMessage ?? "cannot open");
                    return;
                }

                readFile = opened.File;
            }
            else
            {
                var opened = await _files.OpenWriteAsync(request, _stopping.Token).ConfigureAwait(false);
                if (opened.File is null)
                {
                    Refuse(from, remote, direction, fileName, opened.ErrorCode, opened.ErrorMessage ?? "cannot open");
                    return;
                }

                writeFile = opened.File;
            }
        }
#pragma warning disable CA1031 // A provider's exception becomes an ERROR for the client, not a dead listener.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            TftpServerLog.ProviderFailed(_logger, fileName, exception);
            Refuse(from, remote, direction, fileName, TftpErrorCode.NotDefined, "server error");
            return;
        }

        var acknowledged = Negotiate(requested, direction, readFile?.Length);
        TftpServerTransfer transfer;
        Socket socket;
        SocketAddress key;
        lock (_activeGate)
        {
            var perClient = _perClient.GetValueOrDefault(remote.Address);
            if (_active.Count >= _options.MaxConcurrentTransfers || perClient >= _options.MaxTransfersPerClient)
            {
                readFile?.Dispose();
                writeFile?.Dispose();
                Refuse(from, remote, direction, fileName, TftpErrorCode.NotDefined, _active.Count >= _options.MaxConcurrentTransfers ? "server busy" : "too many transfers from this client");
                return;
            }

            transfer = _pool.Get();
            _perClient[remote.Address] = perClient + 1;
            key = new SocketAddress(from.Family, from.Size);
            from.Buffer.Span[..from.Size].CopyTo(key.Buffer.Span);
            _active[key] = transfer;
            StartTicker();
        }

        try
        {
            socket = _options.SinglePort ? _listener! : CreateTransferSocket(remote);
        }
        catch (SocketException exception)
        {
            readFile?.Dispose();
            writeFile?.Dispose();
            TftpServerLog.ReceiveFailed(_logger, exception);
            lock (_activeGate)
            {
                _active.Remove(from);
                _perClient[remote.Address] = Math.Max(0, _perClient[remote.Address] - 1);
            }

            _pool.Return(transfer);
            return;
        }

        var ownsSocket = !_options.SinglePort;
        Metrics.Started(direction);
        TftpServerLog.TransferStarted(_logger, direction, fileName, remote, acknowledged);
        if (direction == TftpTransferDirection.Read)
        {
            transfer.StartRead(this, socket, ownsSocket, key, remote, fileName, readFile!, acknowledged, _options);
        }
        else
        {
            transfer.StartWrite(this, socket, ownsSocket, key, remote, fileName, writeFile!, acknowledged, _options);
        }

        NotifyStarted(transfer, acknowledged);
        if (ownsSocket)
        {
            _ = transfer.RunAsync();
        }
    }

    private TftpOptions Negotiate(TftpOptions requested, TftpTransferDirection direction, long? length) => new()
    {
        // RFC 2348: the server may answer with a smaller blksize; capped to the path MTU.
        BlockSize = requested.BlockSize is { } b ? Math.Min(b, _options.MaxBlockSize) : null,
        // RFC 2349: tsize 0 in a RRQ asks for the size; a WRQ's tsize is echoed. For an empty file the
        // option is left out (the RFC lets a server omit any option): curl rejects an OACK with "tsize 0".
        TransferSize = requested.TransferSize is null ? null : direction == TftpTransferDirection.Read ? (length > 0 ? length : null) : requested.TransferSize,
        TimeoutSeconds = requested.TimeoutSeconds,
        TimeoutMicroseconds = requested.TimeoutMicroseconds,
        // RFC 7440 section 3: the server may answer with a smaller windowsize.
        WindowSize = requested.WindowSize is { } w ? Math.Min(w, _options.MaxWindowSize) : null,
    };

    private Socket CreateTransferSocket(IPEndPoint remote)
    {
        var listenerAddress = ((IPEndPoint)_listener!.LocalEndPoint!).Address;
        var socket = TftpSockets.Create(SocketFactory, remote.AddressFamily, _options.InterfaceName);
        try
        {
            // RFC 1350 section 4: a fresh port (transfer identifier) from the address the request came to.
            socket.Bind(new IPEndPoint(listenerAddress, 0));
            socket.Connect(remote);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void NotifyStarted(TftpServerTransfer transfer, TftpOptions acknowledged)
    {
        if (_observers.Length == 0)
        {
            return;
        }

        var info = new TftpTransferEvent(transfer.RemoteEndPoint, transfer.FileName, transfer.Direction, acknowledged, 0, TimeSpan.Zero, 0);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnTransferStarted(info);
            }
#pragma warning disable CA1031 // An observer's bug must not take the listener down; it is logged.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                TftpServerLog.ObserverFailed(_logger, exception, observer.GetType().Name, nameof(ITftpServerObserver.OnTransferStarted));
            }
        }
    }

    private void Refuse(SocketAddress from, IPEndPoint remote, TftpTransferDirection direction, string fileName, TftpErrorCode code, string reason)
    {
        Metrics.Refused(code.ToString());
        TftpServerLog.RequestRefused(_logger, direction, fileName, remote, code, reason);
        SendError(from, code, reason);
    }

    private void SendError(SocketAddress to, TftpErrorCode code, string message)
    {
        Span<byte> packet = stackalloc byte[128];
        if (TftpPacketWriter.TryWriteError(packet, code, message.Length > 100 ? message[..100] : message, out var written))
        {
            TftpSockets.TrySend(_listener!, packet[..written], to);
        }
    }

    /// <summary>Runs the ticker at its 1 ms period while transfers are active. Called under <c>_activeGate</c>.</summary>
    private void StartTicker()
    {
        if (!_tickerRunning && _ticker is not null)
        {
            _tickerRunning = true;
            _ticker.Change(TickPeriod, TickPeriod);
        }
    }

    /// <summary>
    /// One tick: drives every active transfer's retransmission and idle timers at the clock's now. Millisecond
    /// resolution while transfers run (the timeout floor is a few ms); stopped while none do. A tick that finds the
    /// previous one still running skips (timer callbacks may overlap; transfers are ticked by one thread at a time).
    /// </summary>
    private void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            int count;
            lock (_activeGate)
            {
                count = _active.Count;
                if (count == 0)
                {
                    _tickerRunning = false;
                    _ticker?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    return;
                }

                if (_tickSnapshot.Length < count)
                {
                    _tickSnapshot = new TftpServerTransfer[Math.Max(count, _tickSnapshot.Length * 2)];
                }

                _active.Values.CopyTo(_tickSnapshot, 0);
            }

            var now = Clock.NowMicroseconds;
            for (var i = 0; i < count; i++)
            {
                _tickSnapshot[i].Tick(now);
                _tickSnapshot[i] = null!;
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}
