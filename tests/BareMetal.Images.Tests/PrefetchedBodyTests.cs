namespace BareMetal.Images.Tests;

/// <summary>The receiving thread's read-ahead: order, stream reads, the body's end, failures and aborts.</summary>
public sealed class PrefetchedBodyTests
{
    private static readonly byte[] Body = TestData.Bytes((1024 * 1024) + 333);

    [Theory]
    [InlineData(4096, 2, 1000)]
    [InlineData(65536, 8, 65536)]
    [InlineData(1 << 20, 4, 7)]
    public void TryNextChunk_GivesTheBodyInOrderInWholeChunks(int chunkSize, int chunkCount, int bodyChunk)
    {
        using var body = new PrefetchedBody(new NativeZstdSourceTests.TrickleStream(Body, bodyChunk), chunkSize: chunkSize, chunkCount: chunkCount);
        var received = new MemoryStream();
        var chunks = new List<int>();
        while (body.TryNextChunk(out var chunk))
        {
            chunks.Add(chunk.Length);
            received.Write(chunk);
        }

        Assert.Equal(Body, received.ToArray());

        // Every chunk but the last is full, however small the pieces the body arrived in.
        Assert.All(chunks[..^1], length => Assert.Equal(chunkSize, length));
        Assert.False(body.TryNextChunk(out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(100_000)]
    public void Read_AsAStream_GivesTheBody(int readSize)
    {
        using var body = new PrefetchedBody(new MemoryStream(Body), chunkSize: 4096, chunkCount: 3);
        var received = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = body.Read(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
        }

        Assert.Equal(Body, received.ToArray());
        Assert.Equal(0, body.Read(buffer));
    }

    [Fact]
    public void EmptyBody_HasNoChunks()
    {
        using var body = new PrefetchedBody(new MemoryStream(), chunkSize: 4096, chunkCount: 2);
        Assert.False(body.TryNextChunk(out _));
        Assert.Equal(0, body.Read(new byte[10]));
    }

    [Fact]
    public async Task DrainToEnd_LetsTheReceiverReadEverything()
    {
        var source = new CountingStream(Body);
        using var body = new PrefetchedBody(source, chunkSize: 4096, chunkCount: 2);
        Assert.True(body.TryNextChunk(out _));
        body.DrainToEnd();

        // The receiver read every byte before it completed the ring; its thread then returns.
        Assert.Equal(Body.Length, source.Delivered);
        await body.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void BodyFailure_ReachesTheReaderAsTheSameException()
    {
        var failure = new ImageStreamException(ImageStreamFailure.ResumeAttemptsExhausted, "the connection dropped for good");
        using var body = new PrefetchedBody(new FailingStream(Body[..10_000], failure), chunkSize: 4096, chunkCount: 2);
        var received = 0;
        var thrown = Assert.Throws<ImageStreamException>(() =>
        {
            while (body.TryNextChunk(out var chunk))
            {
                received += chunk.Length;
            }
        });

        // The very exception the body threw, not a wrapper: the client maps it to the caller's failure as it is.
        // It fails the reader as soon as it is known (chunks still queued are dropped: the transfer has failed),
        // so only whole chunks from before the failure can have arrived, never the partial third one.
        Assert.Same(failure, thrown);
        Assert.True(received is 0 or 4096 or 8192, $"received {received} bytes");
    }

    [Fact]
    public async Task Abort_WakesAReaderWaitingForAChunk()
    {
        using var gate = new SemaphoreSlim(0);
        using var body = new PrefetchedBody(new BlockedStream(gate), chunkSize: 4096, chunkCount: 2);
        var reader = BlockingCall<bool>.Start(() => body.TryNextChunk(out _));
        await reader.WaitUntilBlockedAsync();
        Assert.False(reader.Completion.IsCompleted);
        body.Abort();
        await Assert.ThrowsAsync<OperationCanceledException>(() => reader.Completion.WaitAsync(TimeSpan.FromSeconds(10)));

        // Let the receiving thread's read return, so that Dispose (which waits for that thread) can finish.
        gate.Release();
    }

    [Fact]
    public async Task Dispose_WaitsForTheReceivingThread()
    {
        using var gate = new SemaphoreSlim(0);
        var stream = new BlockedStream(gate);
        var body = new PrefetchedBody(stream, chunkSize: 4096, chunkCount: 2);
        await stream.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var disposing = BlockingCall<bool>.Start(() =>
        {
            body.Dispose();
            return true;
        });
        await disposing.WaitUntilBlockedAsync();

        // The thread is still inside the body's read and writes into a chunk: the chunks must not be freed yet.
        Assert.False(disposing.Completion.IsCompleted);
        gate.Release();
        await disposing.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(body.Completion.IsCompleted);
    }

    [Fact]
    public async Task Dispose_ClosesABodyTheReceiverIsStillReading()
    {
        // The decoder stopped early and the body never ends: Dispose unblocks the read through the abort action
        // instead of waiting for the server.
        using var gate = new SemaphoreSlim(0);
        var aborted = 0;
        var body = new PrefetchedBody(new BlockedStream(gate), () => { aborted++; gate.Release(); }, chunkSize: 4096, chunkCount: 2);
        await Task.Run(body.Dispose).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, aborted);
        Assert.True(body.Completion.IsCompleted);
    }

    /// <summary>Counts the bytes handed out.</summary>
    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public long Delivered { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var n = base.Read(buffer);
            Delivered += n;
            return n;
        }
    }

    /// <summary>Gives some bytes, then throws.</summary>
    private sealed class FailingStream(byte[] data, Exception failure) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer)
        {
            var n = base.Read(buffer);
            return n > 0 ? n : throw failure;
        }
    }

    /// <summary>A read that blocks until the gate opens, then reports the end of the body.</summary>
    private sealed class BlockedStream(SemaphoreSlim gate) : MemoryStream
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the receiving thread has entered the read.</summary>
        public Task Entered => _entered.Task;

        public override int Read(Span<byte> buffer)
        {
            _entered.TrySetResult();
            gate.Wait();
            return 0;
        }
    }
}
