namespace BareMetal.Tftp.Transfer;

/// <summary>What a DATA packet did to a <see cref="TftpReceiver"/>.</summary>
internal enum DataOutcome
{
    /// <summary>The next block in order: keep its bytes; no ACK is due yet (the window is not full).</summary>
    Accepted,

    /// <summary>The next block in order: keep its bytes and send the ACK <see cref="TftpReceiver.AckBlock"/>.</summary>
    AcceptedAndAck,

    /// <summary>The last block: keep its bytes, acknowledge it; the transfer is complete.</summary>
    Completed,

    /// <summary>A duplicate, a gap or a block after the end: send the ACK <see cref="TftpReceiver.AckBlock"/>, drop the bytes.</summary>
    AckOnly,

    /// <summary>Drop the packet and send nothing.</summary>
    Ignored,
}

/// <summary>
/// The receiving side of a transfer (client for RRQ, server for WRQ) as a pure state machine. It acknowledges
/// every <c>windowsize</c> blocks, the last block, the last in-order block when it sees a gap (RFC 7440
/// section 4, once per gap), duplicates in lockstep (the sender's ACK was lost), and on its own timeout.
/// </summary>
internal sealed class TftpReceiver
{
    private long _received;
    private int _sinceAck;
    private long _gapAckedAt;
    private long _deadline;
    private long _lastProgress;
    private long _timeout;
    private int _timeouts;
    private bool _dupAcked;

    public int BlockSize { get; private set; }

    public int WindowSize { get; private set; }

    /// <summary>The absolute number of the last block received in order.</summary>
    public long Received => _received;

    /// <summary>The wire block number to acknowledge.</summary>
    public ushort AckBlock => BlockNumbers.ToWire(_received);

    public bool IsComplete { get; private set; }

    /// <summary>When the timer fires next (microseconds).</summary>
    public long Deadline => _deadline;

    public int MaxTimeouts { get; private set; }

    public long IdleTimeout { get; private set; }

    public void Start(int blockSize, int windowSize, long timeout, int maxTimeouts, long idleTimeout, long now)
    {
        BlockSize = blockSize;
        WindowSize = Math.Max(1, windowSize);
        _timeout = timeout;
        MaxTimeouts = maxTimeouts;
        IdleTimeout = idleTimeout;
        _received = 0;
        _sinceAck = 0;
        _gapAckedAt = -1;
        _timeouts = 0;
        _dupAcked = false;
        IsComplete = false;
        _lastProgress = now;
        _deadline = now + timeout;
    }

    public DataOutcome OnData(ushort wireBlock, int length, long now)
    {
        if (length > BlockSize)
        {
            return DataOutcome.Ignored;
        }

        var block = BlockNumbers.Nearest(_received, wireBlock);
        if (IsComplete)
        {
            // The sender did not get the last ACK: repeat it (RFC 1350 section 6, the dally).
            return block == _received ? DataOutcome.AckOnly : DataOutcome.Ignored;
        }

        if (block == _received + 1)
        {
            _received = block;
            _timeouts = 0;
            _dupAcked = false;
            _lastProgress = now;
            _deadline = now + _timeout;
            if (length < BlockSize)
            {
                IsComplete = true;
                _sinceAck = 0;
                return DataOutcome.Completed;
            }

            if (++_sinceAck >= WindowSize)
            {
                _sinceAck = 0;
                return DataOutcome.AcceptedAndAck;
            }

            return DataOutcome.Accepted;
        }

        if (block <= _received)
        {
            // A duplicate means the sender missed our ACK. In lockstep repeat it every time; in a window once
            // per progress, so a retransmitted window does not trigger a storm of ACKs.
            if (WindowSize == 1 || !_dupAcked)
            {
                _dupAcked = true;
                _sinceAck = 0;
                return DataOutcome.AckOnly;
            }

            return DataOutcome.Ignored;
        }

        // A gap: acknowledge the last block in order once, the sender rolls back to the next one (RFC 7440 section 4).
        if (_gapAckedAt != _received)
        {
            _gapAckedAt = _received;
            _sinceAck = 0;
            return DataOutcome.AckOnly;
        }

        return DataOutcome.Ignored;
    }

    /// <summary>Feeds a clock tick: re-acknowledges on timeout, gives up after too many.</summary>
    public TickOutcome OnTick(long now)
    {
        if (now < _deadline)
        {
            return TickOutcome.None;
        }

        if (IsComplete)
        {
            return TickOutcome.Finished;
        }

        if (_timeouts >= MaxTimeouts || now - _lastProgress >= IdleTimeout)
        {
            return TickOutcome.TimedOut;
        }

        _timeouts++;
        _gapAckedAt = -1;
        _sinceAck = 0;
        _deadline = now + _timeout;
        return TickOutcome.Retransmit;
    }

    /// <summary>After the last ACK, wait this long for a repeated last block before finishing.</summary>
    public void StartDally(long now, long duration) => _deadline = now + duration;
}
