using System.Buffers.Binary;
using BareMetal.Tftp.Tests.Codec;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BareMetal.Tftp.Tests.Server;

/// <summary>
/// The server's retransmission and idle timers run on the injected <see cref="TimeProvider"/>: with a
/// <see cref="FakeTimeProvider"/> nothing is retransmitted or timed out until the test moves time, whatever the wall
/// clock does (real sockets on loopback carry the packets).
/// </summary>
public sealed class InjectedTimeTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private static ushort Opcode(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet);

    private static ushort Number(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));

    private static async Task<TftpServer> StartAsync(FakeTimeProvider time, InMemoryTftpFileProvider files, ITftpServerObserver? observer = null, ILogger<TftpServer>? logger = null)
    {
        var options = new TftpServerOptions
        {
            ListenAddress = "127.0.0.1",
            Port = 0,
            InitialRetransmitTimeout = TimeSpan.FromMilliseconds(100),
            MinRetransmitTimeout = TimeSpan.FromMilliseconds(100),
            IdleTimeout = TimeSpan.FromSeconds(2),
        };
        var server = new TftpServer(options, files, logger, metrics: null, observers: observer is null ? null : [observer], timeProvider: time);
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task UnacknowledgedData_IsRetransmittedOnlyWhenTheInjectedClockPassesTheTimeout()
    {
        var time = new FakeTimeProvider();
        var files = new InMemoryTftpFileProvider();
        files.Set("f", TestBytes.Random(2000, 7));
        await using var server = await StartAsync(time, files);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet"), server.LocalEndPoint!);
        var first = peer.Receive(TimeSpan.FromSeconds(2));
        Assert.NotNull(first);
        Assert.Equal((3, 1), (Opcode(first.Value.Packet), Number(first.Value.Packet)));

        // The wall clock passes three retransmission timeouts; the server's clock does not move.
        Assert.Null(peer.Receive(Quiet));

        time.Advance(TimeSpan.FromMilliseconds(150));
        var again = peer.Receive(TimeSpan.FromSeconds(2));

        Assert.NotNull(again);
        Assert.Equal((3, 1), (Opcode(again.Value.Packet), Number(again.Value.Packet)));
        Assert.Equal(first.Value.From, again.Value.From);
    }

    [Fact]
    public async Task SilentClient_TimesOutWhenTheInjectedClockPassesTheIdleTimeout()
    {
        var time = new FakeTimeProvider();
        var files = new InMemoryTftpFileProvider();
        files.Set("f", TestBytes.Random(2000, 8));
        var observer = new RecordingObserver();
        await using var server = await StartAsync(time, files, observer);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet"), server.LocalEndPoint!);
        Assert.NotNull(peer.Receive(TimeSpan.FromSeconds(2)));
        await Task.Delay(Quiet);
        Assert.Equal(1, server.ActiveTransfers);

        // Past the idle timeout (and the retransmission budget) in small steps, as a real clock would pass it.
        for (var i = 0; i < 30 && server.ActiveTransfers > 0; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(await Eventually.TrueAsync(() => observer.Failed.Count == 1, TimeSpan.FromSeconds(2)));
        Assert.Equal(TftpFailureReason.Timeout, observer.Failed.Single().FailureReason);
    }

    [Fact]
    public async Task ThrowingObserver_IsLoggedAndTheTransferCompletes()
    {
        var time = new FakeTimeProvider();
        var files = new InMemoryTftpFileProvider();
        files.Set("f", new byte[100]);
        var logs = new ListLogger();
        await using var server = await StartAsync(time, files, new ThrowingObserver(), logs);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet"), server.LocalEndPoint!);
        var data = peer.Receive(TimeSpan.FromSeconds(2));
        Assert.NotNull(data);
        peer.Send(Packets.Of(4, (ushort)1), data.Value.From);

        Assert.True(await Eventually.TrueAsync(() => logs.Warnings.Count(m => m.Contains("OnTransferCompleted", StringComparison.Ordinal)) == 1, TimeSpan.FromSeconds(2)));
        Assert.Contains(logs.Warnings, m => m.Contains($"Observer {nameof(ThrowingObserver)} threw in OnTransferStarted", StringComparison.Ordinal));
    }

    private sealed class RecordingObserver : ITftpServerObserver
    {
        public List<TftpTransferEvent> Failed { get; } = [];

        public void OnTransferStarted(TftpTransferEvent transfer)
        {
        }

        public void OnTransferCompleted(TftpTransferEvent transfer)
        {
        }

        public void OnTransferFailed(TftpTransferEvent transfer)
        {
            lock (Failed)
            {
                Failed.Add(transfer);
            }
        }
    }

    private sealed class ThrowingObserver : ITftpServerObserver
    {
        public void OnTransferStarted(TftpTransferEvent transfer) => throw new InvalidOperationException("observer bug");

        public void OnTransferCompleted(TftpTransferEvent transfer) => throw new InvalidOperationException("observer bug");

        public void OnTransferFailed(TftpTransferEvent transfer) => throw new InvalidOperationException("observer bug");
    }

    private sealed class ListLogger : ILogger<TftpServer>
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
