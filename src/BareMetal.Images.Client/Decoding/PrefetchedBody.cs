namespace BareMetal.Images;

/// <summary>
/// The response body read ahead by a receiving thread of its own: that thread blocks in <c>recv</c>, feeds the
/// download hash (<see cref="ResumableHttpStream.StartDownloadHash"/>) and resumes dropped connections, and hands
/// whole chunks to the decoding thread through a <see cref="BlockRing"/>. Decompression, the network and the hash then
/// run on different cores instead of one after the other on the decoding thread. libzstd reads the chunks in place
/// (<see cref="TryNextChunk"/>); other decoders read it as a <see cref="Stream"/>.
/// </summary>
internal sealed class PrefetchedBody : ReadOnlyStream
{
    /// <summary>Bytes per chunk handed to the decoder.</summary>
    public const int ChunkSize = 512 * 1024;

    /// <summary>Chunks in flight: with one being filled and one being decoded, up to six wait either way (4 MiB).</summary>
    public const int ChunkCount = 8;

    private readonly Stream _body;
    private readonly Action? _abortBody;
    private readonly BlockRing _ring;
    private readonly Task _receiver;
    private ImageBlock? _current;
    private int _currentPosition;
    private bool _ended;

    /// <summary>Starts the receiving thread over <paramref name="body"/>, which only that thread reads from now on.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="abortBody">Unblocks a read of <paramref name="body"/> from another thread (closes the connection); used by <see cref="Dispose(bool)"/>.</param>
    /// <param name="chunkSize">Bytes per chunk.</param>
    /// <param name="chunkCount">Chunks in flight.</param>
    public PrefetchedBody(Stream body, Action? abortBody = null, int chunkSize = ChunkSize, int chunkCount = ChunkCount)
    {
        _body = body;
        _abortBody = abortBody;
        _ring = new BlockRing(chunkSize, chunkCount, consumers: 1);
        _receiver = Task.Factory.StartNew(Receive, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Completes when the receiving thread has stopped (the body's end, a failure, or <see cref="Abort"/>); never faults.</summary>
    public Task Completion => _receiver;

    /// <summary>
    /// Gives the next chunk of the body, valid until the next call; the previous chunk goes back to the receiving
    /// thread. <see langword="false"/> at the body's end. Rethrows what stopped the receiving thread (a failed resume,
    /// a digest-less drop), and throws <see cref="OperationCanceledException"/> after <see cref="Abort"/>.
    /// </summary>
    public bool TryNextChunk(out ReadOnlySpan<byte> chunk)
    {
        ReleaseCurrent();
        if (_ended || !_ring.TryTake(out var block))
        {
            _ended = true;
            chunk = default;
            return false;
        }

        _current = block;
        _currentPosition = 0;
        chunk = block.Bytes;
        return true;
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current is null || _currentPosition == _current.Length)
        {
            if (!TryNextChunk(out _))
            {
                return 0;
            }
        }

        var available = _current.Bytes[_currentPosition..];
        var n = Math.Min(available.Length, buffer.Length);
        available[..n].CopyTo(buffer);
        _currentPosition += n;
        return n;
    }

    /// <summary>Skips whatever the decoder left of the body, up to its end (so that the download hash covers all of it).</summary>
    public void DrainToEnd()
    {
        while (TryNextChunk(out _))
        {
        }
    }

    /// <summary>Stops the receiving thread at its next chunk (a read blocked in <c>recv</c> needs the body aborted too).</summary>
    public void Abort() => _ring.Abort();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The chunks are native memory the receiving thread writes into: free them only once it has stopped. A
            // thread still inside a read (the decoder stopped before the body's end) is unblocked by closing the body.
            _ring.Abort();
            if (!_receiver.IsCompleted)
            {
                _abortBody?.Invoke();
            }

            _receiver.Wait();
            _ring.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ReleaseCurrent()
    {
        if (_current is { } current)
        {
            _current = null;
            _ring.Release(current);
        }
    }

    /// <summary>The receiving thread: whole chunks, in order, until the body ends. Never throws: a failure reaches the decoder.</summary>
    private void Receive()
    {
        try
        {
            var ended = false;
            while (!ended && _ring.TryRentFree(out var block))
            {
                var memory = block.Memory;
                var filled = 0;
                while (filled < memory.Length)
                {
                    var n = _body.Read(memory[filled..]);
                    if (n == 0)
                    {
                        ended = true;
                        break;
                    }

                    filled += n;
                }

                if (filled > 0)
                {
                    _ring.Publish(block, filled);
                }
                else
                {
                    _ring.ReturnUnused(block);
                }
            }

            _ring.Complete(null);
        }
#pragma warning disable CA1031 // Every failure is handed to the decoding thread, which surfaces it to the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _ring.Complete(e);
        }
    }
}
