using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace BareMetal.Images;

/// <summary>
/// A read-only stream over an HTTP response body that survives dropped connections: when a read fails it asks
/// again for the rest with <c>Range: bytes=N-</c> and <c>If-Range: validator</c> (RFC 9110 §14.2, §13.1.5), so
/// the bytes after the drop are guaranteed to belong to the same representation or the transfer stops.
/// </summary>
internal sealed class ResumableHttpStream : Stream
{
    private readonly HttpClient _client;
    private readonly Uri _source;
    private readonly ImageStreamOptions _options;
    private HttpResponseMessage _response;
    private Stream _body;
    private long _position;
    private int _consecutiveFailures;

    private ResumableHttpStream(HttpClient client, Uri source, ImageStreamOptions options, HttpResponseMessage response, Stream body)
    {
        _client = client;
        _source = source;
        _options = options;
        _response = response;
        _body = body;
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

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

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
                var stream = new ResumableHttpStream(client, source, options, response, body);
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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                int n;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timeout.CancelAfter(_options.ReadTimeout);
                    n = await _body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                }

                if (n == 0 && buffer.Length > 0 && TotalLength is { } total && _position < total)
                {
                    // The body ended before its Content-Length (RFC 9112 §6.3 "incomplete message"): a drop.
                    throw new IOException($"The response ended after {_position} of {total} bytes.");
                }

                _position += n;
                if (n > 0)
                {
                    _consecutiveFailures = 0;
                }

                return n;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                await ResumeAsync(e, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
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
