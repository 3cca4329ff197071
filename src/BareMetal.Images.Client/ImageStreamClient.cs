using System.Diagnostics;
using System.Security.Cryptography;

namespace BareMetal.Images;

/// <summary>
/// Streams an OS image from an HTTP server to a file or block device: the body is decompressed on the fly (gzip,
/// or zstd by the system's libzstd with a managed fallback), hashed with SHA-256 while it flows, and written in
/// large 4 KiB-aligned blocks. A dropped connection is resumed with <c>Range</c> + <c>If-Range</c>.
/// Native AOT and trimming safe (no reflection, no serializers).
/// </summary>
/// <remarks>
/// Dedicated threads share a few pooled blocks of <see cref="ImageStreamOptions.WriteBufferSize"/> bytes
/// (<see cref="BlockRing"/>): the decoding thread decompresses straight into a free block; the hashing thread (when
/// the output is hashed) and the writing thread then read that block at the same time. A compressed body is read by
/// a receiving thread of its own (<see cref="PrefetchedBody"/>), which also takes the download hash, so that the
/// decoding thread only decompresses; an uncompressed body is read by the decoding thread straight into the blocks.
/// Receiving, decompression, hashing and writing all overlap, the kernel spreads the threads over the cores there
/// are, and a waiting thread sleeps on a monitor rather than spinning in the thread pool. In download-digest mode
/// (a compressed image without <see cref="ImageStreamOptions.ExpectedSha256"/>) only the compressed body is hashed
/// and no hashing thread runs (see <see cref="ImageStreamOptions.ExpectedDownloadSha256"/>).
/// </remarks>
public sealed class ImageStreamClient
{
    /// <summary>Bytes of blocks shared by the threads (one being filled, one being hashed and written, the rest queued).</summary>
    private const int BytesInFlight = 8 * 1024 * 1024;
    private readonly HttpClient _client;

    /// <summary>Creates a client over an <see cref="HttpClient"/> the caller owns (its timeout applies to response headers only).</summary>
    /// <param name="client">The HTTP client used for every request.</param>
    public ImageStreamClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// Streams <paramref name="source"/> into <paramref name="targetPath"/>, verifying the SHA-256 of the bytes written
    /// (<see cref="ImageStreamOptions.ExpectedSha256"/>) and/or of the bytes downloaded
    /// (<see cref="ImageStreamOptions.ExpectedDownloadSha256"/>). On success the target holds exactly the verified image; on any failure an <see cref="ImageStreamException"/>
    /// is thrown and the target is not left looking complete (see <see cref="ImageStreamOptions.TargetIsDevice"/>).
    /// </summary>
    /// <param name="source">The image URL (http or https).</param>
    /// <param name="targetPath">A file path, or a block device such as <c>/dev/vda</c>.</param>
    /// <param name="options">Digest, decompression, resume and write options.</param>
    /// <param name="progress">Receives progress snapshots, at most once per <see cref="ImageStreamOptions.ProgressInterval"/> and once at the end.</param>
    /// <param name="cancellationToken">Cancels the transfer (the target is then treated as failed).</param>
    /// <returns>What was written, the digests computed and how many resumes it took.</returns>
    /// <exception cref="ImageStreamException">The image could not be fetched, decompressed, verified or written.</exception>
    public async Task<ImageStreamResult> StreamToFileAsync(
        Uri source,
        string targetPath,
        ImageStreamOptions options,
        IProgress<ImageStreamProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(targetPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var decompression = Resolve(options.Decompression, source);
        if (decompression == ImageDecompression.Xz && !LzmaNative.IsAvailable)
        {
            throw new ImageStreamException(
                ImageStreamFailure.DecompressionFailed,
                $"{source} is xz-compressed and {LzmaNative.LibraryName} cannot be loaded: install Debian's liblzma5 (in an initramfs, copy the library), or serve the image raw, gzip or zstd.");
        }

        // Which digests to compute. Without decompression the bytes received are the bytes written: one SHA-256 on the
        // hashing thread serves both. With decompression the output is hashed only when its digest is expected; the
        // download is hashed on the receiving thread when its digest is expected or when the output is not hashed
        // (download-digest mode: the output is then verified by the gzip CRC-32 / zstd XXH64 checksums in the stream).
        var hashOutput = decompression == ImageDecompression.None || options.ExpectedSha256 is not null;
        var hashDownload = decompression != ImageDecompression.None && (options.ExpectedSha256 is null || options.ExpectedDownloadSha256 is not null);

        var stopwatch = Stopwatch.StartNew();
        using var http = await ResumableHttpStream.OpenAsync(_client, source, options, cancellationToken).ConfigureAwait(false);
        if (hashDownload)
        {
            http.StartDownloadHash();
        }

        using var target = ImageTarget.Open(targetPath, options.TargetIsDevice, decompression == ImageDecompression.None ? http.TotalLength : null, options.DirectWrites);
        using var ring = new BlockRing(options.WriteBufferSize, BlocksFor(options.WriteBufferSize), consumers: hashOutput ? 2 : 1);
        var reporter = new ProgressReporter(progress, options.ProgressInterval, http, stopwatch);

        // Disposed (which waits for its thread) before http and ring: declared after them.
        using var prefetched = decompression == ImageDecompression.None ? null : new PrefetchedBody(http, http.Abort);
        var decoder = Dedicated(() => Decode(http, prefetched, decompression, options.PreferNativeZstd, source, ring));
        var hasher = hashOutput ? Dedicated(() => Hash(ring)) : null;
        var writer = Dedicated(() => Write(ring, target, reporter, cancellationToken));

        byte[]? outputDigest;
        byte[]? downloadDigest;
        long written;
        bool nativeDecoder;
        var stages = new Stages(ring, http, prefetched);
        using (cancellationToken.Register(static state => ((Stages)state!).Stop(), stages))
        {
            try
            {
                // Either consumer failing aborts the ring, which wakes the other one with a failure too.
                written = await writer.ConfigureAwait(false);
                outputDigest = hasher is null ? null : await hasher.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A consumer failed (or received the decoder's failure): stop every thread, then undo the target.
                stages.Stop();
                await Task.WhenAll(decoder, hasher ?? Task.CompletedTask, writer, prefetched?.Completion ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                target.Abort();
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"Streaming {source} to '{targetPath}' was cancelled.", e, cancellationToken);
                }

                throw e as ImageStreamException
                    ?? new ImageStreamException(ImageStreamFailure.TargetFailed, $"Streaming {source} to '{targetPath}' failed: {e.Message}", e);
            }

            // The decoder finished the body (and the download hash) before it completed the ring the writer drained.
            (nativeDecoder, downloadDigest) = await decoder.ConfigureAwait(false);
        }

        downloadDigest ??= decompression == ImageDecompression.None ? outputDigest : null;
        var hex = outputDigest is null ? null : Convert.ToHexStringLower(outputDigest);
        var downloadHex = downloadDigest is null ? null : Convert.ToHexStringLower(downloadDigest);
        if (options.ExpectedSha256 is { } expected && !string.Equals(expected, hex, StringComparison.OrdinalIgnoreCase))
        {
            target.Abort();
            throw new ImageStreamException(
                ImageStreamFailure.DigestMismatch,
                $"SHA-256 mismatch for {source}: expected {expected.ToLowerInvariant()}, the {written} bytes written hash to {hex}. The target '{targetPath}' was not marked good.");
        }

        if (options.ExpectedDownloadSha256 is { } expectedDownload && !string.Equals(expectedDownload, downloadHex, StringComparison.OrdinalIgnoreCase))
        {
            target.Abort();
            throw new ImageStreamException(
                ImageStreamFailure.DigestMismatch,
                $"download SHA-256 mismatch for {source}: expected {expectedDownload.ToLowerInvariant()}, the {http.BytesReceived} bytes received hash to {downloadHex}. The target '{targetPath}' was not marked good.");
        }

        // RFC 9530 §2: Repr-Digest is the digest of the selected representation, i.e. the bytes as served (the
        // compressed file for a .zst/.gz URL): comparable only with the download digest.
        var serverVerified = false;
        if (options.VerifyServerDigest && downloadDigest is not null && http.ReprDigestSha256 is { } announced)
        {
            if (!announced.AsSpan().SequenceEqual(downloadDigest))
            {
                target.Abort();
                throw new ImageStreamException(
                    ImageStreamFailure.ServerDigestMismatch,
                    $"Repr-Digest mismatch for {source}: the server announced sha-256 {Convert.ToHexStringLower(announced)}, the {http.BytesReceived} bytes received hash to {downloadHex}. The target '{targetPath}' was not marked good.");
            }

            serverVerified = true;
        }

        var directWrites = target.WritesDirect;
        target.Commit(written, options.FlushToDisk);
        stopwatch.Stop();
        reporter.Final(written);
        return new ImageStreamResult(hex, downloadHex, written, http.BytesReceived, http.Resumes, stopwatch.Elapsed, http.EntityTag?.Tag, decompression, serverVerified, nativeDecoder, directWrites);
    }

    /// <summary>How many blocks of <paramref name="blockSize"/> make about <see cref="BytesInFlight"/>: at least 4, at most 32.</summary>
    internal static int BlocksFor(int blockSize) => Math.Clamp(BytesInFlight / blockSize, 4, 32);

    internal static ImageDecompression Resolve(ImageDecompression requested, Uri source)
    {
        if (requested != ImageDecompression.Auto)
        {
            return requested;
        }

        var path = source.IsAbsoluteUri ? source.AbsolutePath : source.OriginalString;
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ImageDecompression.Gzip
            : path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) ? ImageDecompression.Zstd
            : path.EndsWith(".xz", StringComparison.OrdinalIgnoreCase) ? ImageDecompression.Xz
            : ImageDecompression.None;
    }

    /// <summary>What <see cref="Stages.Stop"/> wakes: every ring a thread may wait on, and the body a thread may be blocked reading.</summary>
    private sealed record Stages(BlockRing Ring, ResumableHttpStream Http, PrefetchedBody? Prefetched)
    {
        public void Stop()
        {
            Ring.Abort();
            Prefetched?.Abort();
            Http.Abort();
        }
    }

    /// <summary>Runs a blocking stage on its own thread (not a thread-pool worker), so it may wait without starving the pool.</summary>
    private static Task<T> Dedicated<T>(Func<T> stage) =>
        Task.Factory.StartNew(stage, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// The decoding thread: body (read ahead by the receiving thread when compressed) → decoder → whole blocks, published
    /// in order; in download-digest mode it also lets the body run to its end and takes the download hash, before
    /// completing the ring. Never throws: a failure reaches the
    /// consumers through <see cref="BlockRing.Complete"/>. Returns whether libzstd did the decompression, and the
    /// download digest when the body was hashed.
    /// </summary>
    private static (bool Native, byte[]? DownloadDigest) Decode(ResumableHttpStream http, PrefetchedBody? prefetched, ImageDecompression decompression, bool preferNative, Uri source, BlockRing ring)
    {
        ImageByteSource? decoder = null;
        byte[]? downloadDigest = null;
        try
        {
            decoder = ImageByteSource.Create(decompression, (Stream?)prefetched ?? http, preferNative);
            var ended = false;
            while (!ended && ring.TryRentFree(out var block))
            {
                var filled = decoder.Read(block.Memory);
                if (filled == 0)
                {
                    ring.ReturnUnused(block);
                    ended = true;
                    break;
                }

                ring.Publish(block, filled);
                ended = filled < ring.BlockSize;
            }

            // Only a body decoded to its end gets a download digest; after an abort (TryRentFree false) nothing more is read.
            if (ended && http.HashesDownload)
            {
                // The receiving thread has read the body to its end once its last chunk is taken; then nobody else reads it.
                prefetched?.DrainToEnd();
                downloadDigest = http.FinishDownloadHash();
            }

            ring.Complete(null);
        }
        catch (Exception e) when (decompression != ImageDecompression.None && e is not ImageStreamException and not OperationCanceledException)
        {
            // InvalidDataException (gzip, libzstd, liblzma), ZstdException, or EndOfStreamException (a truncated zstd frame or xz block).
            ring.Complete(new ImageStreamException(
                ImageStreamFailure.DecompressionFailed,
                $"The {decompression} stream from {source} is corrupt after {http.BytesReceived} compressed bytes: {e.Message}",
                e));
        }
#pragma warning disable CA1031 // Every failure is handed to the consumers, which surface it to the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ring.Complete(e);
        }
        finally
        {
            decoder?.Dispose();
        }

        return (decoder?.IsNative ?? false, downloadDigest);
    }

    /// <summary>The hashing thread: SHA-256 over every block, in order, while the writing thread writes the same block.</summary>
    private static byte[] Hash(BlockRing ring)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (ring.TryTake(BlockConsumer.Hash, out var block))
            {
                hash.AppendData(block.Bytes);
                ring.Release(block);
            }

            return hash.GetHashAndReset();
        }
        catch
        {
            ring.Abort();
            throw;
        }
    }

    /// <summary>The writing thread: each block at its offset; every write but the last is a whole block, so 4 KiB-aligned.</summary>
    private static long Write(BlockRing ring, ImageTarget target, ProgressReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            long offset = 0;
            while (ring.TryTake(BlockConsumer.Write, out var block))
            {
                target.Write(block.Bytes, offset);
                offset += block.Length;
                ring.Release(block);
                reporter.Report(offset);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return offset;
        }
        catch
        {
            ring.Abort();
            throw;
        }
    }

    /// <summary>Throttles <see cref="IProgress{T}"/> reports to one per interval.</summary>
    private sealed class ProgressReporter(IProgress<ImageStreamProgress>? progress, TimeSpan interval, ResumableHttpStream http, Stopwatch stopwatch)
    {
        private TimeSpan? _last;

        public void Report(long written)
        {
            if (progress is null)
            {
                return;
            }

            var now = stopwatch.Elapsed;
            if (_last is { } last && now - last < interval)
            {
                return;
            }

            _last = now;
            progress.Report(new ImageStreamProgress(http.BytesReceived, http.TotalLength, written, http.Resumes, now));
        }

        public void Final(long written) =>
            progress?.Report(new ImageStreamProgress(http.BytesReceived, http.TotalLength, written, http.Resumes, stopwatch.Elapsed));
    }
}
