namespace BareMetal.Redfish;

/// <summary>
/// Bounded retries with exponential backoff for answers that say "try again": 5xx, timeouts and connections
/// that failed. A request that changes state (POST) is retried only when the BMC cannot have acted on it:
/// a 503 answer or a connection that was never made.
/// </summary>
public sealed class RedfishRetryPolicy
{
    /// <summary>One attempt, no retries.</summary>
    public static RedfishRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in total, the first included (1 to 10; default 4).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry (default 500 ms); each later wait doubles it.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts, also the cap on a BMC's <c>Retry-After</c> (default 10 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based), or the BMC's Retry-After, capped.</summary>
    internal TimeSpan DelayBefore(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked < MaxDelay ? asked : MaxDelay;
        }

        var ticks = InitialDelay.Ticks * Math.Pow(2, retry - 1);
        // ±20% jitter so that several clients a BMC turned away do not come back in step.
        ticks *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    internal void Validate()
    {
        if (MaxAttempts is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "RedfishRetryPolicy.MaxAttempts must be between 1 and 10.");
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "RedfishRetryPolicy needs 0 <= InitialDelay <= MaxDelay.");
        }
    }
}
