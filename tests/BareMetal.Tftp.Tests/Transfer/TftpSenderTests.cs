using BareMetal.Tftp.Transfer;

namespace BareMetal.Tftp.Tests.Transfer;

public sealed class TftpSenderTests
{
    private static TftpSender Start(long length, int blockSize, int window, bool oack, long now = 0)
    {
        var sender = new TftpSender();
        sender.Start(length, blockSize, window, oack, new RetransmitTimer(100_000, 10_000, 1_000_000), maxTimeouts: 3, idleTimeout: 10_000_000, now);
        return sender;
    }

    private static List<long> Drain(TftpSender sender, long now = 0)
    {
        var blocks = new List<long>();
        while (sender.TryTakeNext(now, out var block))
        {
            blocks.Add(block);
        }

        return blocks;
    }

    [Fact]
    public void Start_WithOptionAck_SendsOnlyTheOackUntilAck0()
    {
        var sender = Start(10_000, 512, 16, oack: true);

        Assert.Equal([0L], Drain(sender));
        Assert.Equal(AckOutcome.Ignored, sender.OnAck(5, 10));
        Assert.Empty(Drain(sender));
        Assert.Equal(AckOutcome.Advanced, sender.OnAck(0, 20));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), Drain(sender));
    }

    [Fact]
    public void Lockstep_DuplicateAck_SendsNothing()
    {
        var sender = Start(2048, 512, 1, oack: false);
        Assert.Equal([1L], Drain(sender));
        Assert.Equal(AckOutcome.Advanced, sender.OnAck(1, 10));
        Assert.Equal([2L], Drain(sender));

        // Sorcerer's Apprentice: the repeated ACK 1 must not trigger a second DATA 2.
        Assert.Equal(AckOutcome.Ignored, sender.OnAck(1, 20));
        Assert.Empty(Drain(sender));
    }

    [Fact]
    public void Window_AckInsideWindow_RollsBackToTheNextBlock()
    {
        var sender = Start(512 * 100, 512, 8, oack: false);
        Assert.Equal(8, Drain(sender).Count);

        Assert.Equal(AckOutcome.RolledBack, sender.OnAck(3, 10));

        Assert.Equal([4L, 5, 6, 7, 8, 9, 10, 11], Drain(sender));
        Assert.Equal(5, sender.Retransmissions);
    }

    [Fact]
    public void Window_StaleAckAfterProgress_IsIgnored()
    {
        var sender = Start(512 * 100, 512, 4, oack: false);
        Drain(sender);
        Assert.Equal(AckOutcome.Advanced, sender.OnAck(4, 10));
        Drain(sender);

        Assert.Equal(AckOutcome.Ignored, sender.OnAck(2, 20));
        Assert.Empty(Drain(sender));
    }

    [Fact]
    public void LengthMultipleOfBlockSize_EndsWithAnEmptyBlock()
    {
        var sender = Start(1024, 512, 8, oack: false);
        Assert.Equal(3, sender.TotalBlocks);
        Assert.Equal([1L, 2, 3], Drain(sender));
        Assert.Equal(AckOutcome.Completed, sender.OnAck(3, 10));
    }

    [Fact]
    public void EmptyFile_IsOneEmptyBlock()
    {
        var sender = Start(0, 512, 1, oack: false);
        Assert.Equal([1L], Drain(sender));
        Assert.Equal(AckOutcome.Completed, sender.OnAck(1, 10));
    }

    [Fact]
    public void BlockNumbers_RollOverPast65535()
    {
        var sender = Start(512L * 70_000, 512, 16, oack: false);
        long acked = 0;
        while (acked < 65_520)
        {
            var sent = Drain(sender);
            acked = sent[^1];
            Assert.Equal(AckOutcome.Advanced, sender.OnAck((ushort)acked, acked));
        }

        Drain(sender);
        Assert.Equal(AckOutcome.RolledBack, sender.OnAck(65_530, 65_530));
        var window = Drain(sender);
        Assert.Equal(65_531L, window[0]);
        Assert.Contains(65_536L, window);
        Assert.Equal(0, BlockNumbers.ToWire(65_536));

        // ACK with wire number 1 after the wrap means absolute block 65537.
        Assert.Equal(AckOutcome.RolledBack, sender.OnAck(1, 70_000));
        Assert.Equal(65_537, sender.Acked);
        Assert.Equal(65_538L, Drain(sender)[0]);
    }

    [Fact]
    public void Timeout_ResendsTheWindowFromTheLastAck_AndBacksOff()
    {
        var sender = Start(512 * 100, 512, 4, oack: false);
        Drain(sender);
        Assert.Equal(AckOutcome.Advanced, sender.OnAck(4, 1_000));
        Drain(sender, 1_000);

        // A 1 ms round trip was measured: the timeout is the 10 ms floor, doubled after each timeout.
        Assert.Equal(TickOutcome.None, sender.OnTick(1_000 + 9_999));
        Assert.Equal(TickOutcome.Retransmit, sender.OnTick(1_000 + 10_000));
        Assert.Equal([5L, 6, 7, 8], Drain(sender, 11_000));
        Assert.Equal(TickOutcome.None, sender.OnTick(11_000 + 19_999));
        Assert.Equal(TickOutcome.Retransmit, sender.OnTick(11_000 + 20_000));
    }

    [Fact]
    public void Timeout_GivesUpAfterMaxTimeouts()
    {
        var sender = Start(512 * 10, 512, 1, oack: false);
        Drain(sender);
        var now = 0L;
        var outcomes = new List<TickOutcome>();
        for (var i = 0; i < 10 && (outcomes.Count == 0 || outcomes[^1] != TickOutcome.TimedOut); i++)
        {
            now += 2_000_000;
            outcomes.Add(sender.OnTick(now));
        }

        Assert.Equal([TickOutcome.Retransmit, TickOutcome.Retransmit, TickOutcome.Retransmit, TickOutcome.TimedOut], outcomes);
    }

    [Fact]
    public void RoundTrip_Measured_SetsTheTimeoutBelowOneSecond()
    {
        var sender = Start(512 * 1000, 512, 1, oack: false);
        var now = 0L;
        for (var i = 1; i <= 50; i++)
        {
            Drain(sender, now);
            now += 2_000; // 2 ms round trip
            sender.OnAck((ushort)i, now);
        }

        Assert.InRange(sender.Timer.SmoothedRoundTrip, 1_900, 2_100);
        Assert.Equal(10_000, sender.Timer.Timeout); // the floor: 2 ms + 4 x variance is below 10 ms
    }

    [Fact]
    public void RoundTrip_NotSampledFromRetransmittedBlocks()
    {
        var sender = Start(512 * 10, 512, 1, oack: false);
        Drain(sender, 0);
        Assert.Equal(TickOutcome.Retransmit, sender.OnTick(100_000));
        Drain(sender, 100_000);
        sender.OnAck(1, 100_500);

        Assert.Equal(-1, sender.Timer.SmoothedRoundTrip);
    }
}
