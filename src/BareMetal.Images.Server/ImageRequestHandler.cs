using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;
using ZstdSharp;

namespace BareMetal.Images;

/// <summary>
/// Answers GET and HEAD for one file under the root: path confinement, validators and preconditions
/// (RFC 9110 §8.8, §13), byte ranges (§14), Repr-Digest (RFC 9530), limits, and a body read from the open
/// descriptor straight into the response pipe's buffers.
/// </summary>
internal sealed class ImageRequestHandler
{
    /// <summary>Bytes decompressed per write into the response pipe (on-the-fly decompression).</summary>
    internal const int ChunkSize = 256 * 1024;

    /// <summary>Smallest and largest file read per write into the response pipe (see <see cref="ImageServerOptions.ReadAheadBudget"/>).</summary>
    internal const int MinFileChunk = 64 * 1024, MaxFileChunk = 1024 * 1024;

    /// <summary>The file's size and mtime are checked again after every this many bytes, and at the end.</summary>
    internal const long ChangeCheckInterval = 8L * 1024 * 1024;

    private readonly ImageServerOptions _options;
    private readonly ILogger _logger;
    private readonly ImageServerMetrics _metrics;
    private readonly ImageFileOpener _opener;
    private readonly DigestCache _digests = new();
    private readonly StreamLimits _limits;
    private readonly IReadOnlyDictionary<string, string> _contentTypes;

    public ImageRequestHandler(ImageServerOptions options, ILogger logger, ImageServerMetrics metrics)
    {
        _options = options;
        _logger = logger;
        _metrics = metrics;
        _opener = new ImageFileOpener(options.RootDirectory);
        _limits = new StreamLimits(options);
        _contentTypes = new Dictionary<string, string>(options.ContentTypes, StringComparer.OrdinalIgnoreCase);
        _digests.Computed += (path, length, elapsed) =>
        {
            _metrics.DigestsComputed.Add(1);
            ImageServerLog.DigestComputed(_logger, path, length, elapsed.TotalMilliseconds);
        };
    }

    public async Task HandleAsync(HttpContext context)
    {
        var client = context.Connection.RemoteIpAddress;
        var relative = context.GetRouteValue("path") as string ?? string.Empty;
        long bodyBytes = 0;
        try
        {
            bodyBytes = await HandleCoreAsync(context, relative, client).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            ImageServerLog.ClientGone(_logger, client, relative, bodyBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                ImageServerLog.ClientGone(_logger, client, relative, bodyBytes);
            }
            else
            {
                ImageServerLog.ServeFailed(_logger, relative, client, e);
                if (context.Response.HasStarted)
                {
                    context.Abort();
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                }
            }
        }
        finally
        {
            var status = context.Response.StatusCode;
            _metrics.Requests.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));
            ImageServerLog.Served(_logger, context.Request.Method, relative, client, status, bodyBytes);
        }
    }

    private async Task<long> HandleCoreAsync(HttpContext context, string relative, IPAddress? client)
    {
        var request = context.Request;
        var response = context.Response;

        // Confinement, part 1: the request target as sent, then the decoded path.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? string.Empty;
        var pathError = ImagePathValidator.CheckRaw(raw);
        if (pathError == ImagePathError.None)
        {
            pathError = ImagePathValidator.CheckDecoded(relative, _options.MaxPathLength, _options.MaxSegmentLength);
        }

        if (pathError != ImagePathError.None)
        {
            return Refuse(context, relative, client, pathError);
        }

        // Confinement, part 2: open, then prove where the descriptor points.
        var openError = _opener.TryOpen(relative, out var handle, out var canonical);
        if (openError == ImagePathError.NotFound && _options.DecompressOnTheFly)
        {
            foreach (var (suffix, kind) in (ReadOnlySpan<(string, StoredCompression)>)[(".zst", StoredCompression.Zstd), (".gz", StoredCompression.Gzip)])
            {
                if (_opener.TryOpen(relative + suffix, out var compressed, out var compressedPath) == ImagePathError.None)
                {
                    using (compressed)
                    {
                        return await ServeDecompressedAsync(context, relative, compressedPath, compressed!, kind, client).ConfigureAwait(false);
                    }
                }
            }
        }

        if (openError != ImagePathError.None)
        {
            return Refuse(context, relative, client, openError);
        }

        using (handle)
        {
            return await ServeFileAsync(context, relative, canonical, handle!, client).ConfigureAwait(false);
        }
    }

    private async Task<long> ServeFileAsync(HttpContext context, string relative, string canonical, SafeFileHandle handle, IPAddress? client)
    {
        var request = context.Request;
        var response = context.Response;
        var version = ImageFileVersion.Of(handle);
        var etag = version.EntityTag();
        var length = version.Length;

        var headers = response.Headers;
        headers.ETag = etag;
        headers.LastModified = version.LastModified.ToString("r", CultureInfo.InvariantCulture);
        headers.AcceptRanges = "bytes";
        var contentType = ImageContentTypes.For(relative, _contentTypes);

        var requestHeaders = request.GetTypedHeaders();
        var precondition = EvaluatePreconditions(request, requestHeaders, etag, version.LastModified);
        if (precondition != 0)
        {
            response.StatusCode = precondition;
            return 0;
        }

        if (_options.EnableReprDigest)
        {
            await AddDigestAsync(response, canonical, version).ConfigureAwait(false);
        }

        // §14.2: Range applies to GET only; If-Range decides whether it applies at all (§13.1.5).
        var isGet = HttpMethods.IsGet(request.Method);
        var rangeValue = request.Headers.Range;
        ByteRange[]? ranges = null;
        var rangeCount = 0;
        if (isGet && rangeValue.Count > 0 && IfRangeAllows(request, requestHeaders, etag, version.LastModified))
        {
            ranges = new ByteRange[_options.MaxRanges];
            var joined = rangeValue.Count == 1 ? rangeValue[0] ?? string.Empty : string.Join(',', rangeValue.ToArray());
            var parsed = RangeHeaderParser.Parse(joined, length, _options.MaxRanges, ranges, out rangeCount);
            if (parsed is not (RangeParseResult.Satisfiable or RangeParseResult.UnknownUnit))
            {
                // §15.5.17: 416 carries the current length so the client can ask again sensibly.
                ImageServerLog.RangeRefused(_logger, Truncate(joined), relative, client, parsed, length);
                _metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", parsed.ToString()));
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                headers.ContentRange = $"bytes */{length.ToString(CultureInfo.InvariantCulture)}";
                response.ContentLength = 0;
                return 0;
            }

            if (parsed == RangeParseResult.UnknownUnit)
            {
                rangeCount = 0;
            }
        }

        if (!TryAdmit(context, relative, client, out var lease))
        {
            return 0;
        }

        using (lease)
        {
            if (rangeCount == 0)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = contentType;
                response.ContentLength = length;
                return HttpMethods.IsHead(request.Method) ? 0 : await SendAsync(context, relative, handle, version, 0, length, lease, client).ConfigureAwait(false);
            }

            response.StatusCode = StatusCodes.Status206PartialContent;
            if (rangeCount == 1)
            {
                // §14.4: a single part is sent as is, with Content-Range.
                var range = ranges![0];
                headers.ContentRange = ContentRange(range, length);
                response.ContentType = contentType;
                response.ContentLength = range.Length;
                return await SendAsync(context, relative, handle, version, range.Start, range.Length, lease, client).ConfigureAwait(false);
            }

            return await SendMultipartAsync(context, relative, handle, version, ranges.AsMemory(0, rangeCount), contentType, lease, client).ConfigureAwait(false);
        }
    }

    /// <summary>RFC 9110 §13.2.2 steps 1–4; returns 412, 304, or 0 to go on.</summary>
    private static int EvaluatePreconditions(HttpRequest request, RequestHeaders headers, string etag, DateTimeOffset lastModified)
    {
        var current = new EntityTagHeaderValue(etag);
        if (request.Headers.IfMatch.Count > 0)
        {
            // Step 1, §13.1.1: strong comparison; "*" matches any current representation.
            if (!headers.IfMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true)))
            {
                return StatusCodes.Status412PreconditionFailed;
            }
        }
        else if (headers.IfUnmodifiedSince is { } unmodifiedSince && lastModified > unmodifiedSince)
        {
            // Step 2, §13.1.4.
            return StatusCodes.Status412PreconditionFailed;
        }

        if (request.Headers.IfNoneMatch.Count > 0)
        {
            // Step 3, §13.1.2: weak comparison; a match on GET/HEAD is 304.
            if (headers.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false)))
            {
                return StatusCodes.Status304NotModified;
            }
        }
        else if (headers.IfModifiedSince is { } modifiedSince && lastModified <= modifiedSince)
        {
            // Step 4, §13.1.3 (GET and HEAD only, which is all this endpoint answers).
            return StatusCodes.Status304NotModified;
        }

        return 0;
    }

    /// <summary>RFC 9110 §13.1.5: the range applies only when If-Range is absent or still matches exactly.</summary>
    private static bool IfRangeAllows(HttpRequest request, RequestHeaders headers, string etag, DateTimeOffset lastModified)
    {
        if (request.Headers.IfRange.Count == 0)
        {
            return true;
        }

        var condition = headers.IfRange;
        if (condition?.EntityTag is { } tag)
        {
            // A weak tag never matches here (strong comparison).
            return !tag.IsWeak && tag.Compare(new EntityTagHeaderValue(etag), useStrongComparison: true);
        }

        if (condition?.LastModified is { } date)
        {
            return date == lastModified;
        }

        // An If-Range we cannot parse: send the whole representation, which is always correct.
        return false;
    }

    private async Task AddDigestAsync(HttpResponse response, string canonical, ImageFileVersion version)
    {
        var digest = _digests.GetOrStart(canonical, version);
        if (!digest.IsCompleted && version.Length <= _options.DigestWaitLimit)
        {
            try
            {
                await digest.ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Logged below from the faulted task.
            }
        }

        if (digest.IsCompletedSuccessfully)
        {
            response.Headers[ReprDigest.HeaderName] = ReprDigest.FormatSha256(digest.Result);
        }
        else if (digest.IsFaulted)
        {
            ImageServerLog.DigestFailed(_logger, canonical, digest.Exception.GetBaseException());
        }
    }

    private bool TryAdmit(HttpContext context, string relative, IPAddress? client, out StreamLimits.Lease lease)
    {
        var admission = _limits.TryEnter(client ?? IPAddress.None, out lease);
        if (admission == StreamLimits.Admission.Admitted)
        {
            return true;
        }

        // RFC 6585 §4 (429) for one client over its share; RFC 9110 §15.6.4 (503) when the server is full.
        var perClient = admission == StreamLimits.Admission.ClientLimit;
        ImageServerLog.LimitReached(_logger, relative, client, perClient ? nameof(ImageServerOptions.MaxStreamsPerClient) : nameof(ImageServerOptions.MaxConcurrentStreams));
        _metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", admission.ToString()));
        context.Response.StatusCode = perClient ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        context.Response.Headers.Remove(HeaderNames.ETag);
        context.Response.Headers.Remove(HeaderNames.LastModified);
        context.Response.Headers.Remove(ReprDigest.HeaderName);
        context.Response.ContentLength = 0;
        return false;
    }

    /// <summary>
    /// The file chunk for one step of a stream when <paramref name="activeStreams"/> share <paramref name="budget"/>:
    /// the budget's share, rounded down to a power of two, between <see cref="MinFileChunk"/> and <see cref="MaxFileChunk"/>.
    /// </summary>
    internal static int FileChunkFor(long budget, int activeStreams)
    {
        var share = budget / Math.Max(1, activeStreams);
        return share >= MaxFileChunk ? MaxFileChunk
            : share <= MinFileChunk ? MinFileChunk
            : 1 << BitOperations.Log2((ulong)share);
    }

    /// <summary>
    /// Streams [start, start+count) of the open file into the response: each chunk is read straight into the
    /// response pipe's memory (one copy, kernel to pipe), then flushed. The read is a plain <c>pread</c> on the
    /// request's thread: on Linux an asynchronous read of a regular file is the same blocking <c>pread</c> run on
    /// another thread-pool worker, so reading inline saves a hand-off per chunk and blocks no more threads. If the file's size or mtime changes, or it
    /// ends early, the connection is aborted: the client sees an incomplete response rather than torn bytes.
    /// </summary>
    private async Task<long> SendAsync(HttpContext context, string relative, SafeFileHandle handle, ImageFileVersion version, long start, long count, StreamLimits.Lease lease, IPAddress? client)
    {
        var writer = context.Response.BodyWriter;
        var cancellationToken = context.RequestAborted;
        var limited = lease.GlobalBandwidth is not null || lease.ClientBandwidth is not null;
        long sent = 0;
        long sinceCheck = 0;
        _metrics.ActiveStreams.Add(1);
        try
        {
            while (sent < count)
            {
                var want = (int)Math.Min(FileChunkFor(_options.ReadAheadBudget, _limits.Active), count - sent);
                if (limited)
                {
                    await lease.WaitAsync(want, cancellationToken).ConfigureAwait(false);
                }

                var memory = writer.GetMemory(want);
                if (memory.Length > want)
                {
                    memory = memory[..want];
                }

                var n = RandomAccess.Read(handle, memory.Span, start + sent);
                if (n == 0)
                {
                    return Torn(context, relative, client, sent, count);
                }

                writer.Advance(n);
                sent += n;
                sinceCheck += n;
                _metrics.BytesSent.Add(n);
                if (sinceCheck >= ChangeCheckInterval || sent == count)
                {
                    sinceCheck = 0;
                    if (ImageFileVersion.Of(handle) != version)
                    {
                        return Torn(context, relative, client, sent, count);
                    }
                }

                var flush = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flush.IsCanceled || flush.IsCompleted)
                {
                    ImageServerLog.ClientGone(_logger, client, relative, sent);
                    return sent;
                }
            }

            return sent;
        }
        finally
        {
            _metrics.ActiveStreams.Add(-1);
        }
    }

    private long Torn(HttpContext context, string relative, IPAddress? client, long sent, long count)
    {
        ImageServerLog.FileChanged(_logger, relative, client, sent, count);
        _metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", "FileChanged"));
        context.Abort();
        return sent;
    }

    /// <summary>RFC 9110 §14.6: multipart/byteranges, one part per range, each with its own Content-Range.</summary>
    private async Task<long> SendMultipartAsync(HttpContext context, string relative, SafeFileHandle handle, ImageFileVersion version, ReadOnlyMemory<ByteRange> ranges, string contentType, StreamLimits.Lease lease, IPAddress? client)
    {
        var response = context.Response;
        var boundary = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var partHeaders = new byte[ranges.Length][];
        long total = 0;
        for (var i = 0; i < ranges.Length; i++)
        {
            // RFC 2046 §5.1.1: the CRLF before a delimiter belongs to the delimiter.
            partHeaders[i] = Encoding.ASCII.GetBytes(
                $"{(i == 0 ? string.Empty : "\r\n")}--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: {ContentRange(ranges.Span[i], version.Length)}\r\n\r\n");
            total += partHeaders[i].Length + ranges.Span[i].Length;
        }

        var closing = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        total += closing.Length;
        response.ContentType = $"multipart/byteranges; boundary={boundary}";
        response.ContentLength = total;

        long sent = 0;
        for (var i = 0; i < ranges.Length; i++)
        {
            await response.BodyWriter.WriteAsync(partHeaders[i], context.RequestAborted).ConfigureAwait(false);
            var range = ranges.Span[i];
            var bytes = await SendAsync(context, relative, handle, version, range.Start, range.Length, lease, client).ConfigureAwait(false);
            sent += bytes;
            if (bytes != range.Length)
            {
                return sent;
            }
        }

        await response.BodyWriter.WriteAsync(closing, context.RequestAborted).ConfigureAwait(false);
        return sent;
    }

    /// <summary>
    /// Serves <c>name</c> by decompressing <c>name.zst</c> or <c>name.gz</c>: a representation of its own, with a
    /// strong tag derived from the compressed file's, no ranges and no Content-Length (chunked).
    /// </summary>
    private async Task<long> ServeDecompressedAsync(HttpContext context, string relative, string compressedPath, SafeFileHandle handle, StoredCompression kind, IPAddress? client)
    {
        var request = context.Request;
        var response = context.Response;
        var version = ImageFileVersion.Of(handle);
        var etag = version.EntityTag(kind == StoredCompression.Zstd ? "-unzstd" : "-gunzip");
        response.Headers.ETag = etag;
        response.Headers.LastModified = version.LastModified.ToString("r", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "none";
        var precondition = EvaluatePreconditions(request, request.GetTypedHeaders(), etag, version.LastModified);
        if (precondition != 0)
        {
            response.StatusCode = precondition;
            return 0;
        }

        if (!TryAdmit(context, relative, client, out var lease))
        {
            return 0;
        }

        using (lease)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ImageContentTypes.For(relative, _contentTypes);
            if (HttpMethods.IsHead(request.Method))
            {
                return 0;
            }

            var cancellationToken = context.RequestAborted;
            using var file = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            await using var decompressor = kind == StoredCompression.Zstd
                ? new DecompressionStream(file, ChunkSize, checkEndOfStream: true, leaveOpen: true)
                : (Stream)new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            var writer = response.BodyWriter;
            long sent = 0;
            _metrics.ActiveStreams.Add(1);
            try
            {
                while (true)
                {
                    var memory = writer.GetMemory(ChunkSize);
                    int n;
                    try
                    {
                        n = await decompressor.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is InvalidDataException or ZstdException)
                    {
                        ImageServerLog.DecompressionFailed(_logger, compressedPath, client, e);
                        context.Abort();
                        return sent;
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    if (lease.GlobalBandwidth is not null || lease.ClientBandwidth is not null)
                    {
                        await lease.WaitAsync(n, cancellationToken).ConfigureAwait(false);
                    }

                    writer.Advance(n);
                    sent += n;
                    _metrics.BytesSent.Add(n);
                    var flush = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (flush.IsCanceled || flush.IsCompleted)
                    {
                        return sent;
                    }
                }

                if (ImageFileVersion.Of(handle) != version)
                {
                    return Torn(context, relative, client, sent, sent);
                }

                return sent;
            }
            finally
            {
                _metrics.ActiveStreams.Add(-1);
            }
        }
    }

    private long Refuse(HttpContext context, string relative, IPAddress? client, ImagePathError error)
    {
        var status = error switch
        {
            ImagePathError.TooLong => StatusCodes.Status414UriTooLong,
            ImagePathError.DotSegment or ImagePathError.EncodedSeparator or ImagePathError.ControlCharacter or ImagePathError.EmptySegment => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status404NotFound,
        };
        ImageServerLog.PathRefused(_logger, Truncate(relative), client, error, status);
        _metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", error.ToString()));
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return 0;
    }

    private static string ContentRange(ByteRange range, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{length}");

    private static string Truncate(string value) => value.Length <= 200 ? value : string.Concat(value.AsSpan(0, 200), "…");
}
