using System.Diagnostics;

namespace DhcpLoadGen;

/// <summary>
/// Latencies in fixed buckets, recorded by one thread without allocating: 1 µs wide up to 10 ms, 100 µs wide up to
/// 1 s, then one overflow bucket.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int FineLimit = 10_000;
    private const int CoarseWidth = 100;
    private const int CoarseLimit = 1_000_000;
    private const int Buckets = FineLimit + ((CoarseLimit - FineLimit) / CoarseWidth) + 1;
    private readonly long[] _counts = new long[Buckets];
    private long _total;
    private long _maxMicroseconds;

    public long Count => _total;

    public void Record(long elapsedTicks)
    {
        var us = elapsedTicks * 1_000_000 / Stopwatch.Frequency;
        if (us < 0)
        {
            us = 0;
        }

        var index = us < FineLimit ? (int)us : us < CoarseLimit ? FineLimit + (int)((us - FineLimit) / CoarseWidth) : Buckets - 1;
        _counts[index]++;
        _total++;
        if (us > _maxMicroseconds)
        {
            _maxMicroseconds = us;
        }
    }

    /// <summary>The value (µs, bucket's lower edge) at or below which <paramref name="fraction"/> of the samples lie.</summary>
    public long Percentile(double fraction)
    {
        if (_total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(fraction * _total);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i < FineLimit ? i : i < Buckets - 1 ? FineLimit + ((long)(i - FineLimit) * CoarseWidth) : _maxMicroseconds;
            }
        }

        return _maxMicroseconds;
    }

    public long MaxMicroseconds => _maxMicroseconds;

    public string Summary() => _total == 0 ? "-" : $"p50={Percentile(0.50)} p90={Percentile(0.90)} p99={Percentile(0.99)} max={_maxMicroseconds}";
}
