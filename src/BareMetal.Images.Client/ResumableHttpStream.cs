using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace BareMetal.Images;

/// <summary>
/// A read-only stream over an HTTP response body that survives dropped connections: when a read fails it asks
/// again for the rest with <c>Range: bytes=N-</c> and <c>If-Range: validator</c> (RFC 9110 §14.2, §13.1.5), so
/// the bytes after the drop are guaranteed to belong to the same representation or the transfer stops.
/// Reads are synchronous: the image client's decoding thread blocks in <c>recv</c> instead of hopping through the
/// thread pool for every chunk; a watchdog timer turns a read that stalls for <see cref="ImageStreamOptions.ReadTimeout"/>
/// into a dropped connection, and <see cref="Abort"/> unblocks a read from another thread.
/// </summary>
internal sealed class ResumableHttpStream : ReadOnlyStream
{
    private readonly HttpClient _client;
    private readonly Uri _source;
    private readonly ImageStreamOptions _options;
    private readonly CancellationTokenSource _abort;
    private readonly Timer _watchdog;
    private HttpResponseMessage _response;
    private Stream _body;
    private long _position;
    private int _consecutiveFailures;

    /// <summary>The SHA-256 of every body byte delivered, in order (download-digest mode); <see langword="null"/> when off.</summary>
    private IncrementalHash? _downloadHash;

    /// <summary><see cref="Environment.TickCount64"/> when the current read started, 0 when no read is in progress.</summary>
    private long _readStartedAt;
    private volatile bool _timedOut;

    private ResumableHttpStream(HttpClient client, Uri source, ImageStreamOptions options, HttpResponseMessage response, Stream body, CancellationToken cancellationToken)
    {
        _client = client;
        _source = source;
        _options = options;
        _response = response;
        _body = body;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.ReadTimeout.TotalMilliseconds / 4, 10, 1000));
        _watchdog = new Timer(static state => ((ResumableHttpStream)state!).CheckStall(), this, period, period);
        TotalLength = response.Content.Headers.ContentLength;
        EntityTag = response.Headers.ETag;
        LastModified = response.Content.Headers.LastModified;
        ReprDigestSha256 = ReprDigest.TryReadSha256(response);
    }

    /// <summary>The representation length the first response announced (Content-Length of the 200).</summary>
    public long? TotalLength { get; }

    /// <summary>The entity tag of the first response.</summary>
    public EntityTagHeaderValue? EntityTag { get; }

    /// <summary>The Last-Modified of the first response.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>The SHA-256 the server announced in <c>Repr-Digest</c> (RFC 9530 §2), if any.</summary>
    public byte[]? ReprDigestSha256 { get; }

    /// <summary>Body bytes delivered to the reader so far.</summary>
    public long BytesReceived => _position;

    /// <summary>How many times the body was resumed.</summary>
    public int Resumes { get; private set; }

    /// <summary><see langword="true"/> once <see cref="StartDownloadHash"/> was called.</summary>
    public bool HashesDownload => _downloadHash is not null;

    /// <summary>
    /// Hashes every body byte from now on as <see cref="Read(Span{byte})"/> delivers it, on the reading thread. Call
    /// before the first read. A resume asks for <c>bytes=N-</c> exactly where the delivered bytes stopped, so the
    /// bytes hashed are the representation's bytes in order, whatever the number of connections.
    /// </summary>
    public void StartDownloadHash()
    {
        if (_position != 0)
        {
            throw new InvalidOperationException("The download hash must start before the first body byte is read.");
        }

        _downloadHash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>
    /// Reads the body to its end (feeding the download hash) and returns the SHA-256 of every byte delivered. Call once,
    /// on the reading thread, after the decoder is done: a decoder may stop at the end of its last frame before the body
    /// reported its end, and the digest must cover the whole representation.
    /// </summary>
    public byte[] FinishDownloadHash()
    {
        var hash = _downloadHash ?? throw new InvalidOperationException($"{nameof(StartDownloadHash)} was not called.");
        Span<byte> rest = stackalloc byte[4096];
        while (Read(rest) > 0)
        {
        }

        return hash.GetHashAndReset();
    }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Sends the first GET; connection failures are retried within <see cref="ImageStreamOptions.MaxResumeAttempts"/>.</summary>
    public static async Task<ResumableHttpStream> OpenAsync(HttpClient client, Uri source, ImageStreamOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, source);
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new ImageStreamException(
                        ImageStreamFailure.HttpStatus,
                        $"GET {source} answered {(int)response.StatusCode} {response.ReasonPhrase}; expected 200.",
                        statusCode: response.StatusCode);
                }

                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var stream = new ResumableHttpStream(client, source, options, response, body, cancellationToken);
                response = null;
                return stream;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && attempt < options.MaxResumeAttempts)
            {
                await Task.Delay(Backoff(options, attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                throw new ImageStreamException(
                    ImageStreamFailure.ResumeAttemptsExhausted,
                    $"GET {source} failed {attempt + 1} times: {e.Message}",
                    e);
            }
            finally
            {
                response?.Dispose();
            }
        }
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            _abort.Token.ThrowIfCancellationRequested();
            try
            {
                Volatile.Write(ref _readStartedAt, Environment.TickCount64);
                var n = _body.Read(buffer);
                Volatile.Write(ref _readStartedAt, 0);
                if (n == 0 && buffer.Length > 0 && TotalLength is { } total && _position < total)
                {
                    // The body ended before its Content-Length (RFC 9112 §6.3 "incomplete message"): a drop.
                    throw new IOException($"The response ended after {_position} of {total} bytes.");
                }

                _position += n;
                if (n > 0)
                {
                    _consecutiveFailures = 0;
                    _downloadHash?.AppendData(buffer[..n]);
                }

                return n;
            }
            catch (Exception e) when (!_abort.IsCancellationRequested && IsDroppedRead(e))
            {
                Volatile.Write(ref _readStartedAt, 0);
                var cause = _timedOut ? new IOException($"No data for {_options.ReadTimeout.TotalSeconds:0.#} s.", e) : e;
                _timedOut = false;

                // Runs on the reading thread (the receiving thread of a compressed body), which has nothing else to do meanwhile; resuming is rare.
                ResumeAsync(cause, _abort.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (_abort.IsCancellationRequested && e is not ImageStreamException and not OperationCanceledException)
            {
                throw new OperationCanceledException("The transfer was aborted.", e, _abort.Token);
            }
        }
    }

    /// <summary>Stops the transfer from another thread: a blocked read returns with <see cref="OperationCanceledException"/>.</summary>
    public void Abort()
    {
        if (_abort.IsCancellationRequested)
        {
            return;
        }

        _abort.Cancel();
        DisposeBodyQuietly();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _watchdog.Dispose();
            _body.Dispose();
            _response.Dispose();
            _abort.Dispose();
            _downloadHash?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A read failed because the connection dropped or stalled (not because the transfer was aborted).</summary>
    private bool IsDroppedRead(Exception e) =>
        e is IOException or HttpRequestException || (_timedOut && e is ObjectDisposedException or OperationCanceledException);

    /// <summary>Watchdog tick: a read in progress for longer than the read timeout is a dropped connection.</summary>
    private void CheckStall()
    {
        var started = Volatile.Read(ref _readStartedAt);
        if (started == 0 || Environment.TickCount64 - started < (long)_options.ReadTimeout.TotalMilliseconds)
        {
            return;
        }

        _timedOut = true;
        DisposeBodyQuietly();
    }

    private void DisposeBodyQuietly()
    {
        try
        {
            // Closing the connection makes a read blocked in recv() return with an error.
            Volatile.Read(ref _body).Dispose();
        }
#pragma warning disable CA1031 // Tearing down a connection from another thread: any failure here changes nothing.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is IOException or HttpRequestException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static TimeSpan Backoff(ImageStreamOptions options, int attempt) =>
        options.ResumeDelay * Math.Pow(2, Math.Min(attempt, 6));

    private async Task ResumeAsync(Exception cause, CancellationToken cancellationToken)
    {
        // RFC 9110 §13.1.5: If-Range takes a strong entity tag, or a Last-Modified date when there is no tag.
        string validator;
        if (EntityTag is { IsWeak: false } tag)
        {
            validator = tag.Tag;
        }
        else if (LastModified is { } modified)
        {
            validator = modified.ToString("r", CultureInfo.InvariantCulture);
        }
        else
        {
            throw new ImageStreamException(
                ImageStreamFailure.ResumeNotPossible,
                $"GET {_source}: the connection dropped at byte {_position} and the server sent neither a strong ETag nor Last-Modified, so the rest cannot be fetched safely ({cause.Message}).",
                cause);
        }

        _body.Dispose();
        _response.Dispose();
        while (true)
        {
            if (_consecutiveFailures >= _options.MaxResumeAttempts)
            {
                throw new ImageStreamException(
                    ImageStreamFailure.ResumeAttemptsExhausted,
                    $"GET {_source}: the connection dropped at byte {_position} and {_options.MaxResumeAttempts} consecutive resume attempts failed ({cause.Message}).",
                    cause);
            }

            await Task.Delay(Backoff(_options, _consecutiveFailures), cancellationToken).ConfigureAwait(false);
            _consecutiveFailures++;
            try
            {
                (_response, _body) = await SendResumeAsync(validator, cancellationToken).ConfigureAwait(false);
                Resumes++;
                return;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                cause = e;
            }
        }
    }

    private async Task<(HttpResponseMessage Response, Stream Body)> SendResumeAsync(string validator, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _source);
            request.Headers.Range = new RangeHeaderValue(_position, null);
            request.Headers.TryAddWithoutValidation("If-Range", validator);
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case HttpStatusCode.PartialContent:
                    // RFC 9110 §14.4: the Content-Range must start where we stopped and name the same length.
                    var range = response.Content.Headers.ContentRange;
                    if (range is not { From: { } from } || from != _position || (TotalLength is { } total && range.Length is { } length && length != total))
                    {
                        throw new ImageStreamException(
                            ImageStreamFailure.ResumeRangeMismatch,
                            $"GET {_source} with Range: bytes={_position}- answered Content-Range '{range}'; expected bytes {_position}-.../{TotalLength?.ToString(CultureInfo.InvariantCulture) ?? "*"}.");
                    }

                    break;
                case HttpStatusCode.OK:
                    // RFC 9110 §13.1.5: a full 200 to If-Range means the validator no longer matches (or the
                    // server ignores ranges): either way the bytes already written cannot be continued.
                    var sameTag = response.Headers.ETag is { } newTag && EntityTag is { } oldTag && newTag.Tag == oldTag.Tag;
                    throw sameTag
                        ? new ImageStreamException(ImageStreamFailure.ResumeNotPossible, $"GET {_source}: the server ignored Range: bytes={_position}- and sent the whole image again; it does not support resuming.")
                        : new ImageStreamException(ImageStreamFailure.SourceChanged, $"GET {_source}: the image changed on the server while it was being streamed (If-Range {validator} no longer matches); start over.");
                default:
                    throw new ImageStreamException(
                        ImageStreamFailure.HttpStatus,
                        $"GET {_source} with Range: bytes={_position}- answered {(int)response.StatusCode} {response.ReasonPhrase}; expected 206.",
                        statusCode: response.StatusCode);
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var result = (response, body);
            response = null;
            return result;
        }
        finally
        {
            response?.Dispose();
        }
    }
}
