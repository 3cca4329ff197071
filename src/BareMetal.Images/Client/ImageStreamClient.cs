using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Security.Cryptography;
using ZstdSharp;

namespace BareMetal.Images;

/// <summary>
/// Streams an OS image from an HTTP server to a file or block device: the body is read through a
/// <see cref="PipeReader"/>, decompressed on the fly (gzip or zstd), hashed with SHA-256 while it flows, and
/// written in large 4 KiB-aligned blocks. A dropped connection is resumed with <c>Range</c> + <c>If-Range</c>.
/// Native AOT and trimming safe (no reflection, no serializers).
/// </summary>
public sealed class ImageStreamClient
{
    private const int ReadChunkSize = 256 * 1024;
    private const int FlushThreshold = 1024 * 1024;
    private readonly HttpClient _client;

    /// <summary>Creates a client over an <see cref="HttpClient"/> the caller owns (its timeout applies to response headers only).</summary>
    /// <param name="client">The HTTP client used for every request.</param>
    public ImageStreamClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// Streams <paramref name="source"/> into <paramref name="targetPath"/>, verifying the SHA-256 of the bytes written.
    /// On success the target holds exactly the verified image; on any failure an <see cref="ImageStreamException"/>
    /// is thrown and the target is not left looking complete (see <see cref="ImageStreamOptions.TargetIsDevice"/>).
    /// </summary>
    /// <param name="source">The image URL (http or https).</param>
    /// <param name="targetPath">A file path, or a block device such as <c>/dev/vda</c>.</param>
    /// <param name="options">Digest, decompression, resume and write options.</param>
    /// <param name="progress">Receives progress snapshots, at most once per <see cref="ImageStreamOptions.ProgressInterval"/> and once at the end.</param>
    /// <param name="cancellationToken">Cancels the transfer (the target is then treated as failed).</param>
    /// <returns>What was written, its digest and how many resumes it took.</returns>
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
        var stopwatch = Stopwatch.StartNew();
        using var http = await ResumableHttpStream.OpenAsync(_client, source, options, cancellationToken).ConfigureAwait(false);
        using var target = ImageTarget.Open(targetPath, options.TargetIsDevice, decompression == ImageDecompression.None ? http.TotalLength : null);

        var reporter = new ProgressReporter(progress, options.ProgressInterval, http, stopwatch);
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: 4L * options.WriteBufferSize,
            resumeWriterThreshold: 2L * options.WriteBufferSize,
            minimumSegmentSize: ReadChunkSize,
            useSynchronizationContext: false));

        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => FillAsync(http, decompression, source, pipe.Writer, failure.Token), CancellationToken.None);
        byte[] digest;
        long written;
        try
        {
            (digest, written) = await DrainAsync(pipe.Reader, target, options.WriteBufferSize, reporter, failure.Token).ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await failure.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync(e).ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The producer's failure already reached the consumer through the pipe (it is `e`), or is a consequence of `e`.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            target.Abort();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw e as ImageStreamException
                ?? new ImageStreamException(ImageStreamFailure.TargetFailed, $"Streaming {source} to '{targetPath}' failed: {e.Message}", e);
        }

        var hex = Convert.ToHexStringLower(digest);
        if (options.ExpectedSha256 is { } expected && !string.Equals(expected, hex, StringComparison.OrdinalIgnoreCase))
        {
            target.Abort();
            throw new ImageStreamException(
                ImageStreamFailure.DigestMismatch,
                $"SHA-256 mismatch for {source}: expected {expected.ToLowerInvariant()}, the {written} bytes written hash to {hex}. The target '{targetPath}' was not marked good.");
        }

        var serverVerified = false;
        if (options.VerifyServerDigest && decompression == ImageDecompression.None && http.ReprDigestSha256 is { } announced)
        {
            if (!announced.AsSpan().SequenceEqual(digest))
            {
                target.Abort();
                throw new ImageStreamException(
                    ImageStreamFailure.ServerDigestMismatch,
                    $"Repr-Digest mismatch for {source}: the server announced sha-256 {Convert.ToHexStringLower(announced)}, the bytes received hash to {hex}. The target '{targetPath}' was not marked good.");
            }

            serverVerified = true;
        }

        target.Commit(written, options.FlushToDisk);
        stopwatch.Stop();
        reporter.Final(written);
        return new ImageStreamResult(hex, written, http.BytesReceived, http.Resumes, stopwatch.Elapsed, http.EntityTag?.Tag, decompression, serverVerified);
    }

    internal static ImageDecompression Resolve(ImageDecompression requested, Uri source)
    {
        if (requested != ImageDecompression.Auto)
        {
            return requested;
        }

        var path = source.IsAbsoluteUri ? source.AbsolutePath : source.OriginalString;
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ImageDecompression.Gzip
            : path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) ? ImageDecompression.Zstd
            : ImageDecompression.None;
    }

    /// <summary>Producer: response body → (decompressor) → pipe, reading straight into the pipe's buffers.</summary>
    private static async Task FillAsync(ResumableHttpStream http, ImageDecompression decompression, Uri source, PipeWriter writer, CancellationToken cancellationToken)
    {
        Stream? decompressor = null;
        try
        {
            decompressor = decompression switch
            {
                ImageDecompression.Gzip => new GZipStream(http, CompressionMode.Decompress, leaveOpen: true),
                ImageDecompression.Zstd => new DecompressionStream(http, bufferSize: ReadChunkSize, checkEndOfStream: true, leaveOpen: true),
                _ => null,
            };
            var body = decompressor ?? http;
            var unflushed = 0;
            while (true)
            {
                var memory = writer.GetMemory(ReadChunkSize);
                var n = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                writer.Advance(n);
                unflushed += n;

                // Hand data to the consumer in 1 MiB steps: every flush wakes the other side through the thread
                // pool, and fewer wake-ups mean less spinning on a machine with few cores.
                if (unflushed < FlushThreshold)
                {
                    continue;
                }

                unflushed = 0;
                var flush = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (decompressor is not null && e is not ImageStreamException and not OperationCanceledException)
        {
            // InvalidDataException (gzip), ZstdException or EndOfStreamException (a truncated zstd frame).
            var wrapped = new ImageStreamException(
                ImageStreamFailure.DecompressionFailed,
                $"The {decompression} stream from {source} is corrupt after {http.BytesReceived} compressed bytes: {e.Message}",
                e);
            await writer.CompleteAsync(wrapped).ConfigureAwait(false);
            throw wrapped;
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (decompressor is not null)
            {
                await decompressor.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Consumer: pipe → aligned block buffers. Each full block is hashed and written on the thread pool while the
    /// next block fills, so decompression, hashing and writing overlap; blocks are handed over strictly in order.
    /// </summary>
    private static async Task<(byte[] Digest, long Written)> DrainAsync(PipeReader reader, ImageTarget target, int blockSize, ProgressReporter reporter, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var current = ArrayPool<byte>.Shared.Rent(blockSize);
        var spare = ArrayPool<byte>.Shared.Rent(blockSize);
        Task pending = Task.CompletedTask;
        long offset = 0;
        var filled = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    var rest = segment;
                    while (!rest.IsEmpty)
                    {
                        var take = Math.Min(rest.Length, blockSize - filled);
                        rest.Span[..take].CopyTo(current.AsSpan(filled));
                        filled += take;
                        rest = rest[take..];
                        if (filled == blockSize)
                        {
                            await pending.ConfigureAwait(false);
                            pending = HashAndWriteAsync(hash, target, current, filled, offset);
                            offset += filled;
                            filled = 0;
                            (current, spare) = (spare, current);
                            reporter.Report(offset);
                        }
                    }
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await pending.ConfigureAwait(false);
            if (filled > 0)
            {
                // The last block: the only write that may end off the 4 KiB grid.
                hash.AppendData(current, 0, filled);
                target.Write(current.AsSpan(0, filled), offset);
                offset += filled;
            }

            await reader.CompleteAsync().ConfigureAwait(false);
            return (hash.GetHashAndReset(), offset);
        }
        finally
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (ImageStreamException)
            {
                // Already surfaced to the caller by the await in the loop, or superseded by its exception.
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static Task HashAndWriteAsync(IncrementalHash hash, ImageTarget target, byte[] block, int length, long offset) =>
        Task.Run(() =>
        {
            hash.AppendData(block, 0, length);
            target.Write(block.AsSpan(0, length), offset);
        });

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
