namespace BareMetal.Tftp.Transfer;

/// <summary>
/// The retransmission timeout from measured round trips, after TCP's estimator (RFC 6298 section 2):
/// SRTT and RTTVAR smoothed with gains 1/8 and 1/4, RTO = SRTT + 4 RTTVAR, clamped to [min, max], doubled
/// on each consecutive timeout (section 5.5). Samples come only from blocks never retransmitted (Karn).
/// Times are microseconds.
/// </summary>
internal struct RetransmitTimer
{
    private long _srtt;
    private long _rttvar;
    private bool _hasSample;
    private int _backoff;

    public RetransmitTimer(long initialMicroseconds, long minMicroseconds, long maxMicroseconds)
    {
        Min = minMicroseconds;
        Max = Math.Max(minMicroseconds, maxMicroseconds);
        Initial = Math.Clamp(initialMicroseconds, Min, Max);
        _srtt = 0;
        _rttvar = 0;
        _hasSample = false;
        _backoff = 0;
    }

    public long Min { get; }

    public long Max { get; }

    public long Initial { get; }

    /// <summary>The smoothed round trip, or -1 before the first sample.</summary>
    public readonly long SmoothedRoundTrip => _hasSample ? _srtt : -1;

    /// <summary>The current timeout including back-off.</summary>
    public readonly long Timeout
    {
        get
        {
            var rto = _hasSample ? _srtt + Math.Max(Min / 4, 4 * _rttvar) : Initial;
            rto = Math.Clamp(rto, Min, Max);
            return Math.Min(Max, rto << Math.Min(_backoff, 16));
        }
    }

    public void AddSample(long roundTripMicroseconds)
    {
        var r = Math.Max(1, roundTripMicroseconds);
        if (!_hasSample)
        {
            // RFC 6298 section 2.2: the first measurement.
            _srtt = r;
            _rttvar = r / 2;
            _hasSample = true;
        }
        else
        {
            // RFC 6298 section 2.3: RTTVAR first, with the old SRTT.
            _rttvar = ((3 * _rttvar) + Math.Abs(_srtt - r)) / 4;
            _srtt = ((7 * _srtt) + r) / 8;
        }

        _backoff = 0;
    }

    /// <summary>RFC 6298 section 5.5: back off after a timeout.</summary>
    public void BackOff() => _backoff++;

    /// <summary>Progress was made: the back-off ends (RFC 6298 section 5.7 keeps the estimate).</summary>
    public void ResetBackOff() => _backoff = 0;
}
