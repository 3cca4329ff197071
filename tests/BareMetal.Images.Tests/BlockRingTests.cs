using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BareMetal.Images.Tests;

/// <summary>The hand-off between the decoding, hashing and writing threads.</summary>
public sealed class BlockRingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Publish_BothConsumersSeeEveryBlockInOrder_AndBlocksAreReused()
    {
        using var ring = new BlockRing(4096, 3);
        var seen = new[] { new List<byte>(), new List<byte>() };
        var consumers = Enumerable.Range(0, 2).Select(c => Task.Factory.StartNew(
            () =>
            {
                while (ring.TryTake((BlockConsumer)c, out var block))
                {
                    seen[c].Add(block.Bytes[0]);
                    Assert.Equal(block.Length == 4096 ? 4096 : 100, block.Bytes.Length);
                    ring.Release(block);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        var distinct = new HashSet<ImageBlock>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 50; i++)
        {
            Assert.True(ring.TryRentFree(out var block));
            distinct.Add(block);
            block.Memory[0] = (byte)i;
            ring.Publish(block, i == 49 ? 100 : 4096);
        }

        ring.Complete(null);
        await Task.WhenAll(consumers).WaitAsync(Patience);
        var expected = Enumerable.Range(0, 50).Select(i => (byte)i).ToList();
        Assert.Equal(expected, seen[0]);
        Assert.Equal(expected, seen[1]);
        Assert.Equal(3, distinct.Count);
    }

    [Fact]
    public async Task TryRentFree_WaitsUntilTheSlowestConsumerReleases()
    {
        using var ring = new BlockRing(4096, 1);
        Assert.True(ring.TryRentFree(out var only));
        ring.Publish(only, 4096);
        var producer = BlockingCall<bool>.Start(() => ring.TryRentFree(out _));

        Assert.True(ring.TryTake(BlockConsumer.Hash, out var hashed));
        ring.Release(hashed);

        // Waits on the ring for the whole release above, or has taken the block again (which fails below).
        await producer.WaitUntilBlockedAsync();
        Assert.False(producer.Completion.IsCompleted, "the block was handed out again while the writer still held it");

        Assert.True(ring.TryTake(BlockConsumer.Write, out var written));
        ring.Release(written);
        Assert.True(await producer.Completion.WaitAsync(Patience));
    }

    [Fact]
    public async Task Complete_WithError_RethrowsItToBothConsumers()
    {
        using var ring = new BlockRing(4096, 2);
        var failure = new ImageStreamException(ImageStreamFailure.DecompressionFailed, "corrupt");
        var consumer = Task.Factory.StartNew(() => ring.TryTake(BlockConsumer.Write, out _), TaskCreationOptions.LongRunning);
        ring.Complete(failure);
        Assert.Same(failure, await Assert.ThrowsAsync<ImageStreamException>(() => consumer.WaitAsync(Patience)));
        Assert.Same(failure, Assert.Throws<ImageStreamException>(() => ring.TryTake(BlockConsumer.Hash, out _)));
    }

    [Fact]
    public async Task Abort_WakesAWaitingProducerAndFailsConsumers()
    {
        using var ring = new BlockRing(4096, 1);
        Assert.True(ring.TryRentFree(out _));
        var producer = BlockingCall<bool>.Start(() => ring.TryRentFree(out _));
        await producer.WaitUntilBlockedAsync();
        Assert.False(producer.Completion.IsCompleted);
        ring.Abort();
        Assert.False(await producer.Completion.WaitAsync(Patience));
        Assert.Throws<OperationCanceledException>(() => ring.TryTake(BlockConsumer.Hash, out _));
    }

    [Fact]
    public void Blocks_AreAlignedForDirectWrites()
    {
        using var ring = new BlockRing(64 * 1024, 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(ring.TryRentFree(out var block));
            Assert.Equal(64 * 1024, block.Memory.Length);
            var address = Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref MemoryMarshal.GetReference(block.Memory));
            Assert.Equal(0, address % ImageStreamOptions.WriteAlignment);
        }
    }

    [Fact]
    public void Complete_AfterTheLastBlock_EndsBothConsumers()
    {
        using var ring = new BlockRing(4096, 2);
        Assert.True(ring.TryRentFree(out var block));
        ring.ReturnUnused(block);
        ring.Complete(null);
        Assert.False(ring.TryTake(BlockConsumer.Hash, out _));
        Assert.False(ring.TryTake(BlockConsumer.Write, out _));
    }

    [Fact]
    public async Task SingleConsumer_TheWriterAloneFreesEachBlock()
    {
        // Download-digest mode: no hashing thread, so a block must be free again as soon as the writer releases it.
        using var ring = new BlockRing(4096, 1, consumers: 1);
        Assert.True(ring.TryRentFree(out var only));
        ring.Publish(only, 100);
        var producer = BlockingCall<bool>.Start(() => ring.TryRentFree(out _));
        await producer.WaitUntilBlockedAsync();
        Assert.False(producer.Completion.IsCompleted, "the block was handed out again before the writer released it");

        Assert.True(ring.TryTake(BlockConsumer.Write, out var written));
        Assert.Equal(100, written.Length);
        ring.Release(written);
        Assert.True(await producer.Completion.WaitAsync(Patience));
        Assert.Throws<InvalidOperationException>(() => ring.TryTake(BlockConsumer.Hash, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Constructor_ConsumerCountOutsideOneOrTwo_Throws(int consumers) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockRing(4096, 1, consumers));
}
