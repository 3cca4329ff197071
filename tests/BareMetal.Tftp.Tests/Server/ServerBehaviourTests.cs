using System.Buffers.Binary;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using BareMetal.Tftp.Tests.Codec;

namespace BareMetal.Tftp.Tests.Server;

/// <summary>The server's protocol rules, driven byte by byte from a raw UDP socket.</summary>
public sealed class ServerBehaviourTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    /// <summary>Retransmission timers far beyond the observation windows, so every packet seen is a reply.</summary>
    private static void Patient(TftpServerOptions options)
    {
        options.InitialRetransmitTimeout = TimeSpan.FromSeconds(1);
        options.MinRetransmitTimeout = TimeSpan.FromSeconds(1);
    }

    private static ushort Opcode(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet);

    private static ushort Number(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("boot\\..\\x")]
    [InlineData("a/../../b")]
    public async Task Request_PathTraversal_IsAnsweredWithAccessViolation(string name)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, name, "octet"), server.EndPoint);
        var reply = peer.Receive(TimeSpan.FromSeconds(2));

        Assert.NotNull(reply);
        Assert.Equal(5, Opcode(reply.Value.Packet));
        Assert.Equal((ushort)TftpErrorCode.AccessViolation, Number(reply.Value.Packet));
    }

    [Fact]
    public async Task Request_OverLongName_IsRefused()
    {
        await using var server = await LoopbackServer.StartAsync(o => o.MaxFileNameLength = 32);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, new string('a', 33), "octet"), server.EndPoint);

        Assert.Equal((ushort)TftpErrorCode.AccessViolation, Number(peer.Receive(TimeSpan.FromSeconds(2))!.Value.Packet));
    }

    [Theory]
    [InlineData("00016600")]
    [InlineData("0001660062616400")]
    public async Task MalformedRequest_IsAnsweredWithIllegalOperation(string hex)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var peer = new RawPeer();

        peer.Send(Convert.FromHexString(hex), server.EndPoint);
        var reply = peer.Receive(TimeSpan.FromSeconds(2));

        Assert.Equal(5, Opcode(reply!.Value.Packet));
        Assert.Equal((ushort)TftpErrorCode.IllegalOperation, Number(reply.Value.Packet));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ff")]
    [InlineData("00040001")]
    [InlineData("0009deadbeef")]
    public async Task Garbage_OnTheListener_IsIgnoredAndTheServerKeepsServing(string hex)
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Files.Set("f", new byte[10]);
        using var peer = new RawPeer();

        peer.Send(Convert.FromHexString(hex), server.EndPoint);
        Assert.Null(peer.Receive(Short));

        using var destination = new MemoryStream();
        await new TftpClient().GetAsync(server.EndPoint, "f", destination);
        Assert.Equal(10, destination.Length);
    }

    [Fact]
    public async Task MailMode_IsRefused()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Files.Set("f", new byte[10]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "mail"), server.EndPoint);

        Assert.Equal((ushort)TftpErrorCode.IllegalOperation, Number(peer.Receive(TimeSpan.FromSeconds(2))!.Value.Packet));
    }

    [Fact]
    public async Task Request_WithOptions_OnlyTheOackIsSentBeforeAck0()
    {
        await using var server = await LoopbackServer.StartAsync(Patient);
        server.Files.Set("big", new byte[1_000_000]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "big", "octet", "blksize", "1468", "windowsize", "64", "tsize", "0"), server.EndPoint);
        var packets = peer.ReceiveAll(Short);

        // No amplification: one small OACK, no DATA, until the client proves it listens with ACK 0.
        var oack = Assert.Single(packets);
        Assert.Equal(6, Opcode(oack.Packet));
        Assert.True(oack.Packet.Length < 64);
        Assert.True(TftpPacket.TryParse(oack.Packet, out var parsed, out _));
        Assert.Equal(new TftpOptions { BlockSize = 1468, WindowSize = 64, TransferSize = 1_000_000 }, TftpOptions.Read(parsed.Options));
        Assert.NotEqual(server.EndPoint.Port, oack.From.Port);

        peer.Send(Packets.Of(4, (ushort)0), oack.From);
        var window = peer.ReceiveAll(Short);
        Assert.Equal(64, window.Count(p => Opcode(p.Packet) == 3));
    }

    [Fact]
    public async Task DuplicateAck_DoesNotTriggerADuplicateBlock()
    {
        await using var server = await LoopbackServer.StartAsync(Patient);
        server.Files.Set("f", new byte[512 * 10]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet"), server.EndPoint);
        var first = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
        Assert.Equal(3, Opcode(first.Packet));
        Assert.Equal(1, Number(first.Packet));
        peer.Send(Packets.Of(4, (ushort)1), first.From);
        var second = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
        Assert.Equal(2, Number(second.Packet));

        // The Sorcerer's Apprentice bug would answer this repeated ACK 1 with another DATA 2.
        peer.Send(Packets.Of(4, (ushort)1), first.From);
        Assert.Null(peer.Receive(Short));
    }

    [Fact]
    public async Task StaleAckInWindow_RollsBackToTheBlockAfterIt()
    {
        await using var server = await LoopbackServer.StartAsync(Patient);
        server.Files.Set("f", new byte[512 * 40]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet", "windowsize", "8"), server.EndPoint);
        var oack = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
        peer.Send(Packets.Of(4, (ushort)0), oack.From);
        Assert.Equal(Enumerable.Range(1, 8), peer.ReceiveAll(Short).Select(p => (int)Number(p.Packet)));

        peer.Send(Packets.Of(4, (ushort)5), oack.From);

        Assert.Equal(Enumerable.Range(6, 8), peer.ReceiveAll(Short).Select(p => (int)Number(p.Packet)));
    }

    [Fact]
    public async Task LostAck_IsRecoveredByRetransmissionWellBelowOneSecond()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Files.Set("f", new byte[512 * 100]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet"), server.EndPoint);
        var from = peer.Receive(TimeSpan.FromSeconds(2))!.Value.From;
        for (ushort block = 1; block <= 20; block++)
        {
            peer.Send(Packets.Of(4, block), from);

            // A retransmission of the block just acknowledged may cross the ACK on a busy machine (the timeout
            // follows the measured round trip, 10 ms at least); a client ignores such duplicates (RFC 1350 §6).
            ushort next;
            do
            {
                next = Number(peer.Receive(TimeSpan.FromSeconds(2))!.Value.Packet);
            }
            while (next == block);

            Assert.Equal(block + 1, next);
        }

        // Now say nothing: the retransmission of block 21 comes from the measured round trip, not after 1 s.
        var started = DateTime.UtcNow;
        var repeat = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
        Assert.Equal(21, Number(repeat.Packet));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMilliseconds(500), $"retransmitted after {(DateTime.UtcNow - started).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task VanishedClient_IsFreedAfterTheIdleTimeout()
    {
        var failures = new RecordingObserver();
        await using var server = await LoopbackServer.StartAsync(o => { o.IdleTimeout = TimeSpan.FromMilliseconds(500); o.MaxRetransmissions = 100; }, observers: [failures]);
        server.Files.Set("f", new byte[5000]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet"), server.EndPoint);
        Assert.NotNull(peer.Receive(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, server.Server.ActiveTransfers);

        Assert.True(await Eventually.TrueAsync(() => server.Server.ActiveTransfers == 0, TimeSpan.FromSeconds(5)));
        Assert.Equal(TftpFailureReason.Timeout, Assert.Single(failures.Failed).FailureReason);
    }

    [Fact]
    public async Task PerClientLimit_RefusesTheExtraRequest()
    {
        await using var server = await LoopbackServer.StartAsync(o => o.MaxTransfersPerClient = 2);
        server.Files.Set("f", new byte[5000]);
        using var a = new RawPeer();
        using var b = new RawPeer();
        using var c = new RawPeer();

        a.Send(Packets.Of(1, "f", "octet"), server.EndPoint);
        b.Send(Packets.Of(1, "f", "octet"), server.EndPoint);
        Assert.Equal(3, Opcode(a.Receive(TimeSpan.FromSeconds(2))!.Value.Packet));
        Assert.Equal(3, Opcode(b.Receive(TimeSpan.FromSeconds(2))!.Value.Packet));
        c.Send(Packets.Of(1, "f", "octet"), server.EndPoint);

        var refused = c.Receive(TimeSpan.FromSeconds(2))!.Value.Packet;
        Assert.Equal(5, Opcode(refused));
        Assert.True(TftpPacket.TryParse(refused, out var parsed, out _));
        Assert.Contains("too many", parsed.GetErrorMessageString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedRequest_FromTheSamePort_DoesNotStartASecondTransfer()
    {
        await using var server = await LoopbackServer.StartAsync(Patient);
        server.Files.Set("f", new byte[5000]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "octet", "blksize", "1000"), server.EndPoint);
        peer.Send(Packets.Of(1, "f", "octet", "blksize", "1000"), server.EndPoint);

        Assert.Single(peer.ReceiveAll(Short));
        Assert.Equal(1, server.Server.ActiveTransfers);
    }

    [Fact]
    public async Task PeerError_EndsTheTransfer_AsEdk2DoesAfterItsSizeProbe()
    {
        var observer = new RecordingObserver();
        await using var server = await LoopbackServer.StartAsync(observers: [observer]);
        server.Files.Set("snponly.efi", new byte[200_000]);
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "snponly.efi", "octet", "tsize", "0", "blksize", "1468", "windowsize", "4"), server.EndPoint);
        var oack = peer.Receive(TimeSpan.FromSeconds(2))!.Value;
        peer.Send(Packets.Of(5, (ushort)8, "size probe done"), oack.From);

        Assert.True(await Eventually.TrueAsync(() => server.Server.ActiveTransfers == 0, TimeSpan.FromSeconds(2)));
        var failed = Assert.Single(observer.Failed);
        Assert.Equal(TftpFailureReason.PeerError, failed.FailureReason);
        Assert.Contains("size probe done", failed.Message, StringComparison.Ordinal);
        Assert.Single(observer.Started);
    }

    [Fact]
    public async Task CompletedTransfer_IsObservedAndMeasured()
    {
        var observer = new RecordingObserver();
        var measurements = new Dictionary<string, double>();
        // A meter factory of this test's own: other tests run servers in parallel on meters of the same name,
        // so only instruments from this factory's scope are counted.
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TftpMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => { lock (measurements) { measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + value; } });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => { lock (measurements) { measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + 1; } });
        listener.Start();
        await using var server = await LoopbackServer.StartAsync(observers: [observer], meterFactory: meterFactory);
        server.Files.Set("f", new byte[3000]);

        using var destination = new MemoryStream();
        await new TftpClient().GetAsync(server.EndPoint, "f", destination, new TftpClientOptions { BlockSize = 1000 });
        Assert.True(await Eventually.TrueAsync(() => observer.Completed.Count == 1, TimeSpan.FromSeconds(2)));

        var completed = Assert.Single(observer.Completed);
        Assert.Equal(3000, completed.Bytes);
        Assert.Equal("f", completed.FileName);
        Assert.Equal(1000, completed.Options.BlockSize);
        lock (measurements)
        {
            Assert.Equal(1, measurements["tftp.transfers.started"]);
            Assert.Equal(1, measurements["tftp.transfers.completed"]);
            Assert.Equal(3000, measurements["tftp.bytes.sent"]);
            Assert.Equal(1, measurements["tftp.transfer.duration"]);
        }
    }

    [Fact]
    public async Task NetasciiRequest_IsServedByteForByte()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Files.Set("f", "a\nb"u8.ToArray());
        using var peer = new RawPeer();

        peer.Send(Packets.Of(1, "f", "netascii"), server.EndPoint);
        var data = peer.Receive(TimeSpan.FromSeconds(2))!.Value.Packet;

        Assert.Equal("a\nb"u8.ToArray(), data[4..]);
    }

    [Fact]
    public void Options_Invalid_NameEveryFieldAndFix()
    {
        var options = new TftpServerOptions { ListenAddress = "nope", MaxBlockSize = 4, MaxWindowSize = 0, IdleTimeout = TimeSpan.Zero };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains("Tftp:ListenAddress", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Tftp:MaxBlockSize", StringComparison.Ordinal) && e.Contains("1468", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Tftp:MaxWindowSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Tftp:IdleTimeout", StringComparison.Ordinal));
        Assert.Empty(new TftpServerOptions().Validate());
    }

    private sealed class RecordingObserver : ITftpServerObserver
    {
        public List<TftpTransferEvent> Started { get; } = [];

        public List<TftpTransferEvent> Completed { get; } = [];

        public List<TftpTransferEvent> Failed { get; } = [];

        public void OnTransferStarted(TftpTransferEvent transfer)
        {
            lock (this)
            {
                Started.Add(transfer);
            }
        }

        public void OnTransferCompleted(TftpTransferEvent transfer)
        {
            lock (this)
            {
                Completed.Add(transfer);
            }
        }

        public void OnTransferFailed(TftpTransferEvent transfer)
        {
            lock (this)
            {
                Failed.Add(transfer);
            }
        }
    }
}
