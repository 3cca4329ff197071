using BareMetal.Tftp.Transfer;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Tftp;

/// <summary>The server's per-block bookkeeping: a 100 MiB transfer through the pure sender state machine.</summary>
[MemoryDiagnoser]
public class TftpSenderBenchmarks
{
    private readonly TftpSender _sender = new();

    /// <summary>Window size 1 (lockstep) or 16 (RFC 7440).</summary>
    [Params(1, 16)]
    public int WindowSize { get; set; }

    /// <summary>Every block taken and acknowledged at the window's end, as a loss-free client does.</summary>
    [Benchmark]
    public long HundredMebibytesAtBlksize1468()
    {
        _sender.Start(100L * 1024 * 1024, 1468, WindowSize, withOptionAck: true, new RetransmitTimer(100_000, 10_000, 1_000_000), 10, 10_000_000, 0);
        long now = 0, sent = 0;
        while (true)
        {
            long last = -1;
            while (_sender.TryTakeNext(now, out var block))
            {
                last = block;
                sent++;
            }

            now += 50;
            if (_sender.OnAck((ushort)last, now) == AckOutcome.Completed)
            {
                return sent;
            }
        }
    }
}
