using System.Diagnostics;

namespace BareMetal.Tftp;

/// <summary>The monotonic clock of transports, in microseconds (the state machines only see numbers).</summary>
internal static class TftpClock
{
    private static readonly long TicksPerMicrosecond = Math.Max(1, Stopwatch.Frequency / 1_000_000);

    public static long NowMicroseconds => Stopwatch.GetTimestamp() / TicksPerMicrosecond;

    public static long ToMicroseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;
}
