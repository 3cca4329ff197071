namespace BareMetal.Tftp;

/// <summary>
/// The monotonic clock of transports, in microseconds (the state machines only see numbers), read from an injected
/// <see cref="System.TimeProvider"/> so that tests can drive time (<c>FakeTimeProvider</c>) as the DHCP engine's do.
/// Reading it allocates nothing: one virtual call and a division.
/// </summary>
internal sealed class TftpClock
{
    private readonly long _ticksPerMicrosecond;

    public TftpClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _ticksPerMicrosecond = Math.Max(1, time.TimestampFrequency / 1_000_000);
    }

    /// <summary>The clock of the process (<see cref="TimeProvider.System"/>).</summary>
    public static TftpClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; }

    public long NowMicroseconds => Time.GetTimestamp() / _ticksPerMicrosecond;

    public static long ToMicroseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;
}
