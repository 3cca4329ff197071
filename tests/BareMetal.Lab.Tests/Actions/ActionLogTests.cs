using BareMetal.LabAgent.Actions;
using Microsoft.Extensions.Time.Testing;

namespace BareMetal.Lab.Tests.Actions;

public sealed class ActionLogTests
{
    [Fact]
    public void Write_BeyondCapacity_KeepsTheLatestLinesAndCountsTheDropped()
    {
        var log = new ActionLog(capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            log.Write(LogSource.Stdout, "line " + i);
        }

        Assert.Equal(["line 7", "line 8", "line 9"], log.Snapshot().Select(l => l.Text));
        Assert.Equal(7, log.Dropped);
        Assert.Equal(["line 9"], log.Snapshot(1).Select(l => l.Text));
    }

    [Fact]
    public void Write_KeepsStreamAndTimeAndCutsLongLines()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        using var echo = new StringWriter();
        var log = new ActionLog(echo, time: time);
        log.Write(LogSource.Stderr, "oops\r");
        time.Advance(TimeSpan.FromSeconds(5));
        log.Write(LogSource.Stdout, new string('x', ActionLog.MaxLineLength + 10));
        log.Info("done");
        var lines = log.Snapshot();
        Assert.Equal(new ActionLogLine(time.Start, LogSource.Stderr, "oops"), lines[0]);
        Assert.Equal(time.Start.AddSeconds(5), lines[1].Time);
        Assert.Equal(ActionLog.MaxLineLength + 1, lines[1].Text.Length);
        Assert.EndsWith("…", lines[1].Text, StringComparison.Ordinal);
        Assert.Equal(LogSource.Agent, lines[2].Stream);
        Assert.StartsWith("agent: [stderr] oops" + Environment.NewLine + "agent: [stdout] xxx", echo.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("agent: done" + Environment.NewLine, echo.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_FromTwoThreads_LosesNothingWithinCapacity()
    {
        var log = new ActionLog(capacity: 20_000);
        await Task.WhenAll(
            Task.Run(() => { for (var i = 0; i < 5000; i++) { log.Write(LogSource.Stdout, "o"); } }),
            Task.Run(() => { for (var i = 0; i < 5000; i++) { log.Write(LogSource.Stderr, "e"); } }));
        Assert.Equal(10_000, log.Snapshot().Count);
        Assert.Equal(0, log.Dropped);
    }
}
