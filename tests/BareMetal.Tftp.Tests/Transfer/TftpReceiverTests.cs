using BareMetal.Tftp.Transfer;

namespace BareMetal.Tftp.Tests.Transfer;

public sealed class TftpReceiverTests
{
    private static TftpReceiver Start(int blockSize, int window)
    {
        var receiver = new TftpReceiver();
        receiver.Start(blockSize, window, timeout: 100_000, maxTimeouts: 2, idleTimeout: 10_000_000, now: 0);
        return receiver;
    }

    [Fact]
    public void Window_AcksEveryWindowAndTheLastBlock()
    {
        var receiver = Start(512, 3);
        Assert.Equal(DataOutcome.Accepted, receiver.OnData(1, 512, 1));
        Assert.Equal(DataOutcome.Accepted, receiver.OnData(2, 512, 2));
        Assert.Equal(DataOutcome.AcceptedAndAck, receiver.OnData(3, 512, 3));
        Assert.Equal(3, receiver.AckBlock);
        Assert.Equal(DataOutcome.Completed, receiver.OnData(4, 100, 4));
        Assert.Equal(4, receiver.AckBlock);
    }

    [Fact]
    public void Gap_AcksTheLastInOrderBlockOnce()
    {
        var receiver = Start(512, 8);
        receiver.OnData(1, 512, 1);
        Assert.Equal(DataOutcome.AckOnly, receiver.OnData(3, 512, 2));
        Assert.Equal(1, receiver.AckBlock);
        Assert.Equal(DataOutcome.Ignored, receiver.OnData(4, 512, 3));
        Assert.Equal(DataOutcome.Accepted, receiver.OnData(2, 512, 4));
    }

    [Fact]
    public void Lockstep_Duplicate_IsAckedEveryTime()
    {
        var receiver = Start(512, 1);
        Assert.Equal(DataOutcome.AcceptedAndAck, receiver.OnData(1, 512, 1));
        Assert.Equal(DataOutcome.AckOnly, receiver.OnData(1, 512, 2));
        Assert.Equal(DataOutcome.AckOnly, receiver.OnData(1, 512, 3));
    }

    [Fact]
    public void OversizedBlock_IsIgnored()
    {
        var receiver = Start(512, 1);
        Assert.Equal(DataOutcome.Ignored, receiver.OnData(1, 513, 1));
        Assert.Equal(0, receiver.Received);
    }

    [Fact]
    public void BlockNumbers_RollOver()
    {
        var receiver = Start(8, 65535);
        for (var i = 1; i <= 65_536; i++)
        {
            Assert.NotEqual(DataOutcome.Ignored, receiver.OnData((ushort)i, 8, i));
        }

        Assert.Equal(65_536, receiver.Received);
        Assert.Equal(0, receiver.AckBlock);
        Assert.Equal(DataOutcome.Completed, receiver.OnData(1, 0, 70_000));
        Assert.Equal(65_537, receiver.Received);
    }

    [Fact]
    public void Timeout_ReAcksThenGivesUp()
    {
        var receiver = Start(512, 1);
        Assert.Equal(TickOutcome.None, receiver.OnTick(50_000));
        Assert.Equal(TickOutcome.Retransmit, receiver.OnTick(100_000));
        Assert.Equal(TickOutcome.Retransmit, receiver.OnTick(200_000));
        Assert.Equal(TickOutcome.TimedOut, receiver.OnTick(300_000));
    }

    [Fact]
    public void AfterCompletion_RepeatsTheLastAck_ThenFinishes()
    {
        var receiver = Start(512, 1);
        Assert.Equal(DataOutcome.Completed, receiver.OnData(1, 10, 1));
        receiver.StartDally(1, 200_000);
        Assert.Equal(DataOutcome.AckOnly, receiver.OnData(1, 10, 2));
        Assert.Equal(TickOutcome.None, receiver.OnTick(100_000));
        Assert.Equal(TickOutcome.Finished, receiver.OnTick(200_001));
    }
}
