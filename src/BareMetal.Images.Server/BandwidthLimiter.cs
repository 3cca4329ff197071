using System.Diagnostics;

namespace BareMetal.Images;

/// <summary>
/// A token bucket in bytes. A caller takes what it needs even when that drives the bucket negative and then
/// waits for the debt to be repaid, so concurrent senders are served in arrival order and the long-run rate
/// never exceeds the limit. The burst is a tenth of a second of traffic.
/// </summary>
internal sealed class BandwidthLimiter
{
    private readonly Lock _lock = new();
    private readonly double _bytesPerSecond;
    private readonly double _burst;
    private double _tokens;
    private long _lastTimestamp;

    public BandwidthLimiter(long bytesPerSecond)
    {
        _bytesPerSecond = bytesPerSecond;
        _burst = Math.Max(bytesPerSecond / 10.0, 4096);
        _tokens = _burst;
        _lastTimestamp = Stopwatch.GetTimestamp();
    }

    public long BytesPerSecond => (long)_bytesPerSecond;

    /// <summary>Takes <paramref name="bytes"/> tokens and waits until the bucket is no longer in debt.</summary>
    public ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds * _bytesPerSecond));
            _lastTimestamp = now;
            _tokens -= bytes;
            if (_tokens >= 0)
            {
                return ValueTask.CompletedTask;
            }

            delay = TimeSpan.FromSeconds(-_tokens / _bytesPerSecond);
        }

        return new ValueTask(Task.Delay(delay, cancellationToken));
    }
}
