using System.Buffers;
using System.Net;
using System.Net.Sockets;
using BareMetal.Tftp.Transfer;
using Microsoft.Extensions.ObjectPool;

namespace BareMetal.Tftp;

/// <summary>
/// One transfer on the server: the pure <see cref="TftpSender"/> or <see cref="TftpReceiver"/> plus its
/// socket, file and pooled buffers. Packets and ticks arrive on different threads and are serialized by a
/// lock. Instances come from an <see cref="ObjectPool{T}"/> and are reset between transfers.
/// </summary>
internal sealed class TftpServerTransfer : IResettable
{
    /// <summary>How long a finished upload lingers to repeat its last ACK.</summary>
    private const long DallyMicroseconds = 200_000;

    private readonly Lock _gate = new();
    private readonly TftpSender _sender = new();
    private readonly TftpReceiver _receiver = new();
    private TftpServer? _server;
    private TftpClock _clock = TftpClock.System;
    private Socket? _socket;
    private SocketAddress? _sendTo;
    private ITftpReadableFile? _readFile;
    private ITftpWritableFile? _writeFile;
    private byte[]? _sendBuffer;
    private byte[]? _receiveBuffer;
    private byte[]? _cache;
    private long _cacheOffset;
    private int _cacheLength;
    private long _startedAt;
    private long _bytes;
    private long _length;
    private int _blockSize;
    private bool _optionAck;
    private bool _finished = true;
    private bool _dallying;

    /// <summary>The client's address: the key of the server's table of active transfers.</summary>
    public SocketAddress RemoteAddress { get; private set; } = new(AddressFamily.InterNetwork);

    public IPEndPoint RemoteEndPoint { get; private set; } = new(IPAddress.None, 0);

    public string FileName { get; private set; } = string.Empty;

    public TftpTransferDirection Direction { get; private set; }

    public TftpOptions Options { get; private set; }

    public bool OwnsSocket { get; private set; }

    public long ElapsedMicroseconds => _clock.NowMicroseconds - _startedAt;

    public void StartRead(TftpServer server, Socket socket, bool ownsSocket, SocketAddress remote, IPEndPoint remoteEndPoint, string fileName, ITftpReadableFile file, TftpOptions acknowledged, TftpServerOptions settings)
    {
        lock (_gate)
        {
            Initialize(server, socket, ownsSocket, remote, remoteEndPoint, fileName, acknowledged, TftpTransferDirection.Read);
            _readFile = file;
            _length = file.Length;
            var cacheSize = Math.Max(_blockSize, settings.ReadAheadBytes / _blockSize * _blockSize);
            _cache = ArrayPool<byte>.Shared.Rent(cacheSize);
            _cacheLength = 0;
            _cacheOffset = 0;
            var now = _clock.NowMicroseconds;
            _sender.Start(_length, _blockSize, acknowledged.WindowSize ?? 1, _optionAck, CreateTimer(settings, acknowledged), settings.MaxRetransmissions, TftpClock.ToMicroseconds(settings.IdleTimeout), now);
            _finished = false;
            Pump(now);
        }
    }

    public void StartWrite(TftpServer server, Socket socket, bool ownsSocket, SocketAddress remote, IPEndPoint remoteEndPoint, string fileName, ITftpWritableFile file, TftpOptions acknowledged, TftpServerOptions settings)
    {
        lock (_gate)
        {
            Initialize(server, socket, ownsSocket, remote, remoteEndPoint, fileName, acknowledged, TftpTransferDirection.Write);
            _writeFile = file;
            var now = _clock.NowMicroseconds;
            var timer = CreateTimer(settings, acknowledged);
            _receiver.Start(_blockSize, acknowledged.WindowSize ?? 1, Math.Max(timer.Initial, TftpClock.ToMicroseconds(settings.MaxRetransmitTimeout) / 2), settings.MaxRetransmissions, TftpClock.ToMicroseconds(settings.IdleTimeout), now);
            _finished = false;
            SendAck();
        }
    }

    /// <summary>The receive loop of a transfer with its own socket (RFC 1350 section 4: a new transfer identifier).</summary>
    public async Task RunAsync()
    {
        var socket = _socket!;
        var buffer = _receiveBuffer!;
        try
        {
            while (!_finished)
            {
                int received;
                try
                {
                    // The socket is connected to the client: the kernel drops datagrams from other ports.
                    received = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                }
                catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
                {
                    lock (_gate)
                    {
                        Finish(TftpFailureReason.PeerUnreachable, "ICMP port unreachable");
                    }

                    break;
                }

                lock (_gate)
                {
                    OnPacket(buffer.AsSpan(0, received));
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The transfer finished and closed its socket.
        }
        catch (SocketException) when (_finished)
        {
        }
        catch (SocketException exception)
        {
            lock (_gate)
            {
                Finish(TftpFailureReason.PeerUnreachable, exception.SocketErrorCode.ToString());
            }
        }
        finally
        {
            _server?.Return(this);
        }
    }

    /// <summary>A datagram from the client (single-port mode: after the listener matched the address).</summary>
    public void Deliver(ReadOnlySpan<byte> datagram)
    {
        lock (_gate)
        {
            OnPacket(datagram);
        }
    }

    public void Tick(long now)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            if (Direction == TftpTransferDirection.Read)
            {
                switch (_sender.OnTick(now))
                {
                    case TickOutcome.Retransmit:
                        Pump(now);
                        break;
                    case TickOutcome.TimedOut:
                        Finish(TftpFailureReason.Timeout, null);
                        break;
                }
            }
            else
            {
                switch (_receiver.OnTick(now))
                {
                    case TickOutcome.Retransmit:
                        _server!.Metrics.Retransmitted(1);
                        SendAck();
                        break;
                    case TickOutcome.Finished:
                        Finish(TftpFailureReason.None, null);
                        break;
                    case TickOutcome.TimedOut:
                        Finish(TftpFailureReason.Timeout, null);
                        break;
                }
            }
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            Finish(TftpFailureReason.Stopped, null);
        }
    }

    public bool TryReset()
    {
        _finished = true;
        ReturnBuffer(ref _sendBuffer);
        ReturnBuffer(ref _receiveBuffer);
        ReturnBuffer(ref _cache);
        _readFile = null;
        _writeFile = null;
        _socket = null;
        _sendTo = null;
        _server = null;
        FileName = string.Empty;
        return true;
    }

    private static RetransmitTimer CreateTimer(TftpServerOptions settings, TftpOptions acknowledged)
    {
        // tftp-hpa's utimeout and RFC 2349's timeout name the client's choice: the first is the starting
        // timeout, the second only bounds ours from above (we adapt below it from measured round trips).
        var max = TftpClock.ToMicroseconds(settings.MaxRetransmitTimeout);
        if (acknowledged.TimeoutSeconds is { } seconds)
        {
            max = Math.Min(max, seconds * 1_000_000L);
        }

        var initial = acknowledged.TimeoutMicroseconds is { } micro ? micro : TftpClock.ToMicroseconds(settings.InitialRetransmitTimeout);
        return new RetransmitTimer(initial, TftpClock.ToMicroseconds(settings.MinRetransmitTimeout), max);
    }

    private static void ReturnBuffer(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    private void Initialize(TftpServer server, Socket socket, bool ownsSocket, SocketAddress remote, IPEndPoint remoteEndPoint, string fileName, TftpOptions acknowledged, TftpTransferDirection direction)
    {
        _server = server;
        _clock = server.Clock;
        _socket = socket;
        OwnsSocket = ownsSocket;
        RemoteAddress = remote;
        _sendTo = ownsSocket ? null : RemoteAddress;
        RemoteEndPoint = remoteEndPoint;
        FileName = fileName;
        Direction = direction;
        Options = acknowledged;
        _optionAck = !acknowledged.IsEmpty;
        _blockSize = acknowledged.BlockSize ?? TftpOptions.DefaultBlockSize;
        _sendBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(TftpPacketWriter.DataHeaderLength + _blockSize, 512));
        _receiveBuffer = ArrayPool<byte>.Shared.Rent(TftpPacketWriter.DataHeaderLength + _blockSize + 1);
        _startedAt = _clock.NowMicroseconds;
        _bytes = 0;
        _dallying = false;
    }

    private void OnPacket(ReadOnlySpan<byte> datagram)
    {
        if (_finished)
        {
            return;
        }

        var server = _server!;
        if (!TftpPacket.TryParse(datagram, out var packet, out var error))
        {
            server.Ignored(RemoteEndPoint, "malformed: " + error);
            return;
        }

        var now = _clock.NowMicroseconds;
        switch (packet.Opcode)
        {
            case TftpOpcode.Error:
                Finish(TftpFailureReason.PeerError, $"{packet.ErrorCode}: {packet.GetErrorMessageString()}");
                return;
            case TftpOpcode.Ack when Direction == TftpTransferDirection.Read:
                switch (_sender.OnAck(packet.Block, now))
                {
                    case AckOutcome.Completed:
                        Finish(TftpFailureReason.None, null);
                        return;
                    case AckOutcome.Ignored:
                        // RFC 1123 section 4.2.3.1: never answer a duplicate ACK (Sorcerer's Apprentice).
                        return;
                    default:
                        Pump(now);
                        return;
                }

            case TftpOpcode.Data when Direction == TftpTransferDirection.Write:
                OnData(packet, now);
                return;
            default:
                server.Ignored(RemoteEndPoint, "unexpected " + packet.Opcode);
                return;
        }
    }

    private void OnData(TftpPacket packet, long now)
    {
        var outcome = _receiver.OnData(packet.Block, packet.Data.Length, now);
        if (outcome is DataOutcome.Accepted or DataOutcome.AcceptedAndAck or DataOutcome.Completed)
        {
            if (_bytes + packet.Data.Length > _server!.Settings.MaxWriteSize)
            {
                SendError(TftpErrorCode.DiskFull, "upload too large");
                Finish(TftpFailureReason.TooLarge, null);
                return;
            }

            try
            {
                _writeFile!.Write(packet.Data);
                _bytes += packet.Data.Length;
            }
            catch (IOException exception)
            {
                SendError(TftpErrorCode.DiskFull, "write failed");
                Finish(TftpFailureReason.FileError, exception.Message);
                return;
            }
        }

        switch (outcome)
        {
            case DataOutcome.AcceptedAndAck:
            case DataOutcome.AckOnly:
                SendAck();
                break;
            case DataOutcome.Completed:
                try
                {
                    _writeFile!.Commit();
                }
                catch (IOException exception)
                {
                    SendError(TftpErrorCode.DiskFull, "commit failed");
                    Finish(TftpFailureReason.FileError, exception.Message);
                    return;
                }

                SendAck();
                Report(TftpFailureReason.None, null);
                // RFC 1350 section 6: linger to repeat the last ACK if the last block comes again.
                _dallying = true;
                _receiver.StartDally(now, DallyMicroseconds);
                break;
        }
    }

    private void Pump(long now)
    {
        var sent = 0L;
        var before = _sender.Retransmissions;
        while (!_finished && _sender.TryTakeNext(now, out var block))
        {
            if (block == 0)
            {
                SendOptionAck();
                continue;
            }

            sent += SendBlock(block);
        }

        if (_server is { } server)
        {
            if (_sender.Retransmissions > before)
            {
                server.Metrics.Retransmitted(_sender.Retransmissions - before);
            }

            if (sent > 0)
            {
                server.Metrics.BytesSent(sent);
            }
        }
    }

    private int SendBlock(long block)
    {
        var offset = (block - 1) * _blockSize;
        var length = (int)Math.Clamp(_length - offset, 0, _blockSize);
        var buffer = _sendBuffer!;
        TftpPacketWriter.TryWriteDataHeader(buffer, BlockNumbers.ToWire(block));
        if (length > 0)
        {
            if (offset < _cacheOffset || offset + length > _cacheOffset + _cacheLength)
            {
                // Read ahead a multiple of blksize with RandomAccess into the pooled buffer.
                _cacheOffset = offset;
                try
                {
                    _cacheLength = _readFile!.Read(offset, _cache.AsSpan(0, (int)Math.Min(_cache!.Length / _blockSize * _blockSize, _length - offset)));
                }
                catch (IOException exception)
                {
                    _cacheLength = 0;
                    SendError(TftpErrorCode.NotDefined, "read failed");
                    Finish(TftpFailureReason.FileError, exception.Message);
                    return 0;
                }

                if (_cacheLength < length)
                {
                    SendError(TftpErrorCode.NotDefined, "file shrank");
                    Finish(TftpFailureReason.FileError, "file shorter than its length");
                    return 0;
                }
            }

            _cache.AsSpan((int)(offset - _cacheOffset), length).CopyTo(buffer.AsSpan(TftpPacketWriter.DataHeaderLength));
        }

        TftpSockets.TrySend(_socket!, buffer.AsSpan(0, TftpPacketWriter.DataHeaderLength + length), _sendTo);
        return length;
    }

    private void SendOptionAck()
    {
        var options = Options;
        if (TftpPacketWriter.TryWriteOptionAck(_sendBuffer, options, out var written))
        {
            TftpSockets.TrySend(_socket!, _sendBuffer.AsSpan(0, written), _sendTo);
        }
    }

    private void SendAck()
    {
        // Before the first DATA of a write, the answer is the OACK (RFC 2347) or ACK 0 (RFC 1350).
        if (_receiver.Received == 0 && _optionAck)
        {
            SendOptionAck();
            return;
        }

        TftpPacketWriter.TryWriteAck(_sendBuffer, _receiver.AckBlock, out var written);
        TftpSockets.TrySend(_socket!, _sendBuffer.AsSpan(0, written), _sendTo);
    }

    private void SendError(TftpErrorCode code, string message)
    {
        if (TftpPacketWriter.TryWriteError(_sendBuffer, code, message, out var written))
        {
            TftpSockets.TrySend(_socket!, _sendBuffer.AsSpan(0, written), _sendTo);
        }
    }

    private void Finish(TftpFailureReason reason, string? message)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (!_dallying)
        {
            Report(reason, message);
        }

        _readFile?.Dispose();
        _writeFile?.Dispose();
        _readFile = null;
        _writeFile = null;
        var server = _server!;
        server.Unregister(this);
        if (OwnsSocket)
        {
            // Closing the socket ends RunAsync, which returns this object to the pool.
            _socket!.Dispose();
        }
        else
        {
            server.Return(this);
        }
    }

    private void Report(TftpFailureReason reason, string? message)
    {
        var bytes = Direction == TftpTransferDirection.Read
            ? Math.Min(_length, Math.Max(0, _sender.Acked) * (long)_blockSize)
            : _bytes;
        var retransmissions = Direction == TftpTransferDirection.Read ? _sender.Retransmissions : 0;
        _server!.Report(this, reason, message, bytes, TimeSpan.FromMicroseconds(ElapsedMicroseconds), retransmissions);
    }
}
