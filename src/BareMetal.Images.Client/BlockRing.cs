using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace BareMetal.Images;

/// <summary>
/// A fixed set of large blocks cycling between dedicated threads: a producer fills a free block and publishes it;
/// each consumer reads every published block, in order and at the same time (they only read it); the block is free
/// again once every consumer is done with it. The client uses two: decoded image bytes from the decoding thread to
/// the writing thread (and the hashing thread when the output is hashed), and received body chunks from the
/// receiving thread to the decoding thread (<see cref="PrefetchedBody"/>, one consumer). Waits
/// block on a monitor (a futex), so an idle stage sleeps instead of spinning, and memory stays bounded at
/// <c>count × size</c> however fast any side runs.
/// </summary>
internal sealed class BlockRing : IDisposable
{
    private readonly object _gate = new();
    private readonly ImageBlock[] _all;
    private readonly Queue<ImageBlock> _free;
    private readonly Queue<ImageBlock>[] _published;
    private ExceptionDispatchInfo? _producerError;
    private bool _producerDone;
    private bool _aborted;

    /// <summary>Creates <paramref name="count"/> blocks of <paramref name="blockSize"/> bytes.</summary>
    /// <param name="blockSize">Bytes per block.</param>
    /// <param name="count">Blocks in the ring.</param>
    /// <param name="consumers">
    /// 2: <see cref="BlockConsumer.Write"/> and <see cref="BlockConsumer.Hash"/> both read every block; 1: only
    /// <see cref="BlockConsumer.Write"/> does (the output is not hashed, so no hashing thread runs).
    /// </param>
    public BlockRing(int blockSize, int count, int consumers = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consumers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(consumers, 2);
        BlockSize = blockSize;
        _published = new Queue<ImageBlock>[consumers];
        for (var i = 0; i < consumers; i++)
        {
            _published[i] = new Queue<ImageBlock>(count);
        }

        _all = new ImageBlock[count];
        _free = new Queue<ImageBlock>(count);
        for (var i = 0; i < count; i++)
        {
            _all[i] = new ImageBlock(blockSize);
            _free.Enqueue(_all[i]);
        }
    }

    /// <summary>The size of every block.</summary>
    public int BlockSize { get; }

    /// <summary>Producer: waits for a free block; <see langword="false"/> once a consumer aborted.</summary>
    public bool TryRentFree(out ImageBlock block)
    {
        lock (_gate)
        {
            while (_free.Count == 0 && !_aborted)
            {
                Monitor.Wait(_gate);
            }

            if (_aborted)
            {
                block = null!;
                return false;
            }

            block = _free.Dequeue();
            return true;
        }
    }

    /// <summary>Producer: hands a block filled with <paramref name="length"/> bytes to every consumer, in order.</summary>
    public void Publish(ImageBlock block, int length)
    {
        lock (_gate)
        {
            block.Length = length;
            block.Readers = _published.Length;
            foreach (var queue in _published)
            {
                queue.Enqueue(block);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Producer: gives back a block it did not fill (the image ended at a block boundary).</summary>
    public void ReturnUnused(ImageBlock block)
    {
        lock (_gate)
        {
            _free.Enqueue(block);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Producer: no more blocks will come; <paramref name="error"/> fails the consumers instead of ending them.</summary>
    public void Complete(Exception? error)
    {
        lock (_gate)
        {
            _producerDone = true;
            _producerError = error is null ? null : ExceptionDispatchInfo.Capture(error);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Consumer: waits for the next block published to <paramref name="consumer"/>; <see langword="false"/> after the
    /// last one. Rethrows the producer's error as soon as it is known, and throws <see cref="OperationCanceledException"/>
    /// after <see cref="Abort"/>. A ring made for one consumer serves only <see cref="BlockConsumer.Write"/>.
    /// </summary>
    public bool TryTake(BlockConsumer consumer, out ImageBlock block) => TryTake((int)consumer, out block);

    /// <summary>Consumer of a ring made for one consumer: as <see cref="TryTake(BlockConsumer, out ImageBlock)"/>.</summary>
    public bool TryTake(out ImageBlock block) => TryTake(0, out block);

    private bool TryTake(int consumer, out ImageBlock block)
    {
        if (consumer >= _published.Length)
        {
            throw new InvalidOperationException($"This ring has {_published.Length} consumer(s); {(BlockConsumer)consumer} does not read it.");
        }

        var queue = _published[consumer];
        lock (_gate)
        {
            while (queue.Count == 0 && !_producerDone && !_aborted)
            {
                Monitor.Wait(_gate);
            }

            _producerError?.Throw();
            if (_aborted)
            {
                throw new OperationCanceledException("The image transfer was aborted.");
            }

            if (queue.Count == 0)
            {
                block = null!;
                return false;
            }

            block = queue.Dequeue();
            return true;
        }
    }

    /// <summary>Consumer: done reading the block; once every consumer is, it may be filled again.</summary>
    public void Release(ImageBlock block)
    {
        lock (_gate)
        {
            if (--block.Readers == 0)
            {
                _free.Enqueue(block);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Stops every side: waiting calls return (producer) or throw (consumers).</summary>
    public void Abort()
    {
        lock (_gate)
        {
            _aborted = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Frees the blocks; call only after every thread has finished.</summary>
    public void Dispose()
    {
        foreach (var block in _all)
        {
            block.Dispose();
        }
    }
}

/// <summary>Which reader of <see cref="BlockRing"/> takes a block.</summary>
internal enum BlockConsumer
{
    /// <summary>The thread that writes to the target (always present).</summary>
    Write = 0,

    /// <summary>The thread that feeds the output's SHA-256 (only in a ring made for two consumers).</summary>
    Hash = 1,
}

/// <summary>
/// One block of image bytes in native memory aligned to <see cref="ImageStreamOptions.WriteAlignment"/>, so that a
/// whole block can be written with <c>O_DIRECT</c> (which needs aligned addresses, lengths and offsets), and its
/// bookkeeping (guarded by the ring's lock).
/// </summary>
internal sealed unsafe class ImageBlock : IDisposable
{
    private readonly int _capacity;
    private byte* _memory;

    public ImageBlock(int capacity)
    {
        _capacity = capacity;
        _memory = (byte*)NativeMemory.AlignedAlloc((nuint)capacity, ImageStreamOptions.WriteAlignment);
    }

    /// <summary>The whole block, to be filled.</summary>
    public Span<byte> Memory => _memory is null ? throw new ObjectDisposedException(nameof(ImageBlock)) : new(_memory, _capacity);

    /// <summary>How many bytes of <see cref="Memory"/> hold image bytes.</summary>
    public int Length { get; set; }

    /// <summary>Consumers that still have to read the block.</summary>
    public int Readers { get; set; }

    /// <summary>The image bytes of the block.</summary>
    public ReadOnlySpan<byte> Bytes => Memory[..Length];

    public void Dispose()
    {
        if (_memory is not null)
        {
            NativeMemory.AlignedFree(_memory);
            _memory = null;
        }
    }
}
