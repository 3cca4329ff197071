using System.Runtime.InteropServices;

namespace BareMetal.Dhcp.Server.Access;

/// <summary>
/// A token bucket per MAC address against request floods: each MAC may send <c>rate</c> packets per second with a
/// burst of twice that. The table is bounded; when it is full it is emptied (forgetting is safe: a forgotten MAC
/// simply starts with a full bucket). Not thread-safe: the engine serialises calls. Allocates nothing once warm.
/// </summary>
internal sealed class MacRateLimiter
{
    private const int MaxTracked = 65_536;
    private readonly Dictionary<MacAddress, Bucket> _buckets = new(1024);
    private readonly double _ratePerMillisecond;
    private readonly double _burst;

    public MacRateLimiter(int packetsPerSecond)
    {
        PacketsPerSecond = packetsPerSecond;
        _ratePerMillisecond = packetsPerSecond / 1000.0;
        _burst = packetsPerSecond * 2.0;
    }

    public int PacketsPerSecond { get; }

    /// <summary>Takes one token for <paramref name="mac"/>; false when its bucket is empty.</summary>
    public bool TryAcquire(MacAddress mac, long nowUnixMilliseconds)
    {
        if (PacketsPerSecond <= 0)
        {
            return true;
        }

        if (_buckets.Count >= MaxTracked && !_buckets.ContainsKey(mac))
        {
            _buckets.Clear();
        }

        ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(_buckets, mac, out var existed);
        if (!existed)
        {
            bucket.Tokens = _burst;
            bucket.LastRefill = nowUnixMilliseconds;
        }
        else
        {
            var elapsed = Math.Max(0, nowUnixMilliseconds - bucket.LastRefill);
            bucket.Tokens = Math.Min(_burst, bucket.Tokens + elapsed * _ratePerMillisecond);
            bucket.LastRefill = nowUnixMilliseconds;
        }

        if (bucket.Tokens < 1)
        {
            return false;
        }

        bucket.Tokens -= 1;
        return true;
    }

    private struct Bucket
    {
        public double Tokens;
        public long LastRefill;
    }
}
