namespace BareMetal.Tftp.Transfer;

/// <summary>What an ACK did to a <see cref="TftpSender"/>.</summary>
internal enum AckOutcome
{
    /// <summary>The ACK moved the window forward; send what <see cref="TftpSender.TryTakeNext"/> yields.</summary>
    Advanced,

    /// <summary>The ACK named a block before the last one sent: the sender goes back to the block after it (RFC 7440 section 4).</summary>
    RolledBack,

    /// <summary>A duplicate or stale ACK: nothing is sent (no Sorcerer's Apprentice, RFC 1123 section 4.2.3.1).</summary>
    Ignored,

    /// <summary>The last block is acknowledged.</summary>
    Completed,
}

/// <summary>What a timer tick did to a transfer.</summary>
internal enum TickOutcome
{
    /// <summary>Nothing is due.</summary>
    None,

    /// <summary>The retransmission timer fired: send what <c>TryTakeNext</c> yields again.</summary>
    Retransmit,

    /// <summary>Too many timeouts or no progress within the idle timeout: give up.</summary>
    TimedOut,

    /// <summary>A receiver finished its dally after the last ACK.</summary>
    Finished,
}

/// <summary>
/// The sending side of a transfer (server for RRQ, client for WRQ) as a pure state machine: it is told about
/// ACKs and clock ticks and says which block to send next. It never touches a socket or a clock.
/// Block 0 stands for the OACK when options were acknowledged (RFC 2347): no DATA leaves before the client
/// acknowledges it, so an unverified source gets one small reply only.
/// </summary>
internal sealed class TftpSender
{
    private RetransmitTimer _timer;
    private long _acked;
    private long _next;
    private long _highestSent;
    private long _deadline;
    private long _lastProgress;
    private long _timedBlock;
    private long _timedAt;
    private int _timeouts;

    public long TotalBlocks { get; private set; }

    public int WindowSize { get; private set; }

    public long Acked => _acked;

    public long HighestSent => _highestSent;

    public int Retransmissions { get; private set; }

    public int MaxTimeouts { get; private set; }

    public long IdleTimeout { get; private set; }

    public ref RetransmitTimer Timer => ref _timer;

    /// <summary>When the retransmission timer fires next (microseconds).</summary>
    public long Deadline => _deadline;

    /// <summary>Starts a transfer of <paramref name="length"/> bytes.</summary>
    /// <param name="length">File length in bytes.</param>
    /// <param name="blockSize">Negotiated block size.</param>
    /// <param name="windowSize">Negotiated window size.</param>
    /// <param name="withOptionAck">True when an OACK (block 0) is sent first and must be acknowledged.</param>
    /// <param name="timer">The retransmission timer settings.</param>
    /// <param name="maxTimeouts">Consecutive timeouts before giving up.</param>
    /// <param name="idleTimeout">Microseconds without progress before giving up.</param>
    /// <param name="now">The current time in microseconds.</param>
    public void Start(long length, int blockSize, int windowSize, bool withOptionAck, RetransmitTimer timer, int maxTimeouts, long idleTimeout, long now)
    {
        // RFC 1350: the last block is shorter than blksize, so a multiple of blksize ends with an empty block.
        TotalBlocks = (length / blockSize) + 1;
        WindowSize = Math.Max(1, windowSize);
        _timer = timer;
        MaxTimeouts = maxTimeouts;
        IdleTimeout = idleTimeout;
        _acked = withOptionAck ? -1 : 0;
        _next = withOptionAck ? 0 : 1;
        _highestSent = _acked;
        _timedBlock = -1;
        _timeouts = 0;
        Retransmissions = 0;
        _lastProgress = now;
        _deadline = now + _timer.Timeout;
    }

    /// <summary>The next block to send now, if the window allows one (block 0 means the OACK).</summary>
    public bool TryTakeNext(long now, out long block)
    {
        // Before the OACK is acknowledged only block 0 may go out (no amplification, RFC 2347).
        var limit = _acked < 0 ? 0 : Math.Min(TotalBlocks, _acked + WindowSize);
        if (_next > limit)
        {
            block = 0;
            return false;
        }

        block = _next++;
        if (block <= _highestSent)
        {
            Retransmissions++;
            if (block <= _timedBlock)
            {
                _timedBlock = -1; // Karn: a retransmitted block gives no RTT sample.
            }
        }
        else
        {
            _highestSent = block;
            if (_timedBlock < 0)
            {
                _timedBlock = block;
                _timedAt = now;
            }
        }

        return true;
    }

    /// <summary>Feeds an ACK with its wire block number.</summary>
    public AckOutcome OnAck(ushort wireBlock, long now)
    {
        var block = BlockNumbers.AtOrBefore(_highestSent, wireBlock);
        if (block <= _acked)
        {
            return AckOutcome.Ignored;
        }

        _acked = block;
        if (_timedBlock >= 0 && block >= _timedBlock)
        {
            _timer.AddSample(now - _timedAt);
            _timedBlock = -1;
        }

        _timer.ResetBackOff();
        _timeouts = 0;
        _lastProgress = now;
        _deadline = now + _timer.Timeout;
        if (_acked >= TotalBlocks)
        {
            return AckOutcome.Completed;
        }

        if (_next <= _acked)
        {
            _next = _acked + 1;
            return AckOutcome.Advanced;
        }

        if (_acked < _highestSent && _next > _acked + 1)
        {
            // RFC 7440 section 4: the receiver saw a gap after this block; resend from the block after it.
            _next = _acked + 1;
            return AckOutcome.RolledBack;
        }

        return AckOutcome.Advanced;
    }

    /// <summary>Feeds a clock tick.</summary>
    public TickOutcome OnTick(long now)
    {
        if (now < _deadline)
        {
            return TickOutcome.None;
        }

        if (_timeouts >= MaxTimeouts || now - _lastProgress >= IdleTimeout)
        {
            return TickOutcome.TimedOut;
        }

        _timeouts++;
        _timer.BackOff();
        _timedBlock = -1;
        _next = _acked + 1;
        _deadline = now + _timer.Timeout;
        return TickOutcome.Retransmit;
    }
}
