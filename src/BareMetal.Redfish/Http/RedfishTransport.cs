using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BareMetal.Redfish.Json;
using Microsoft.Extensions.Logging;

namespace BareMetal.Redfish.Http;

/// <summary>
/// Sends requests to one BMC: resolves paths against its origin only, authenticates (session token or basic),
/// bounds each exchange in time, retries what may be retried, and maps every failure to a <see cref="RedfishError"/>.
/// </summary>
internal sealed class RedfishTransport : IDisposable
{
    /// <summary>Largest answer body read; Redfish resources are kilobytes, a bigger body is not one.</summary>
    internal const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RedfishClientOptions _options;
    private readonly ILogger _logger;
    private readonly Uri _origin;
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private string? _token;
    private string? _sessionPath;
    private string? _sessionsCollection;

    public RedfishTransport(HttpClient http, bool ownsHttp, RedfishClientOptions options, ILogger logger)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        _options = options;
        _logger = logger;
        _origin = new Uri(options.BaseAddress.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The session's path while one is open.</summary>
    public string? SessionPath => _sessionPath;

    /// <summary>Where to POST new sessions (learned from the service root).</summary>
    public void UseSessionsCollection(string? path) => _sessionsCollection = path;

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    /// <summary>GET, PATCH, DELETE and the like with authentication, retries and one session renewal on 401.</summary>
    public async Task<RedfishResult<RedfishResponse>> SendAsync(HttpMethod method, string path, byte[]? json, string? ifMatch, CancellationToken cancellationToken)
    {
        if (_options.Authentication == RedfishAuthentication.Session && _token is null)
        {
            var login = await LogInAsync(cancellationToken).ConfigureAwait(false);
            if (login is not null)
            {
                return login;
            }
        }

        var tokenUsed = _token;
        var result = await SendOnceWithRetriesAsync(method, path, json, ifMatch, authenticate: true, cancellationToken).ConfigureAwait(false);
        if (_options.Authentication == RedfishAuthentication.Session && !result.IsSuccess && result.Error.Kind == RedfishErrorKind.Unauthorized && tokenUsed is not null)
        {
            // Sessions time out on the BMC (SessionService.SessionTimeout); log in again once, then repeat the request.
            RedfishLog.SessionRenewing(_logger, path);
            Interlocked.CompareExchange(ref _token, null, tokenUsed);
            var login = await LogInAsync(cancellationToken).ConfigureAwait(false);
            if (login is not null)
            {
                return login;
            }

            result = await SendOnceWithRetriesAsync(method, path, json, ifMatch, authenticate: true, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>A request without credentials (the service root, DSP0266 §13.3.1: readable without authentication).</summary>
    public Task<RedfishResult<RedfishResponse>> SendAnonymousAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        SendOnceWithRetriesAsync(method, path, null, null, authenticate: false, cancellationToken);

    /// <summary>Deletes the open session, if any (best effort, one attempt).</summary>
    public async Task LogOutAsync(CancellationToken cancellationToken)
    {
        var path = _sessionPath;
        if (path is null || _token is null)
        {
            return;
        }

        var result = await ExchangeAsync(HttpMethod.Delete, path, null, null, authenticate: true, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess && result.Value.StatusCode is >= 200 and < 300)
        {
            RedfishLog.SessionDeleted(_logger, path);
        }
        else
        {
            var error = result.IsSuccess ? ErrorOf(result.Value, path) : result.Error;
            RedfishLog.SessionDeleteFailed(_logger, path, error?.ToString() ?? "unknown");
        }

        _token = null;
        _sessionPath = null;
    }

    /// <summary>Opens a session (DSP0266 §13.3.4); null on success, else the error.</summary>
    private async Task<RedfishError?> LogInAsync(CancellationToken cancellationToken)
    {
        await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null)
            {
                return null;
            }

            var collection = _sessionsCollection ?? "/redfish/v1/SessionService/Sessions";
            var body = Serialize(new SessionRequestDto { UserName = _options.Credentials.UserName, Password = _options.Credentials.Password }, RedfishJsonContext.Default.SessionRequestDto);
            var result = await SendOnceWithRetriesAsync(HttpMethod.Post, collection, body, null, authenticate: false, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            var response = result.Value;
            if (response.AuthToken is not { Length: > 0 } token)
            {
                return new RedfishError(RedfishErrorKind.MissingProperty, "the session answer has no X-Auth-Token header", collection, response.StatusCode);
            }

            var sessionPath = response.Location;
            if (sessionPath is null && RedfishJsonReader.TryDeserialize(response.Body, RedfishJsonContext.Default.SessionDto, collection, out var session, out _))
            {
                sessionPath = session.ODataId;
            }

            if (sessionPath is not null)
            {
                // A session path pointing away from the BMC is never sent the token (no DELETE on dispose).
                sessionPath = TryResolve(sessionPath, out var sessionUri, out _) ? sessionUri!.PathAndQuery : null;
            }

            _token = token;
            _sessionPath = sessionPath;
            RedfishLog.SessionOpened(_logger, _options.Credentials.UserName, sessionPath ?? "(no session path given)");
            return null;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private async Task<RedfishResult<RedfishResponse>> SendOnceWithRetriesAsync(HttpMethod method, string path, byte[]? json, string? ifMatch, bool authenticate, CancellationToken cancellationToken)
    {
        var policy = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            var result = await ExchangeAsync(method, path, json, ifMatch, authenticate, cancellationToken).ConfigureAwait(false);
            RedfishError error;
            TimeSpan? retryAfter = null;
            if (result.IsSuccess)
            {
                var response = result.Value;
                if (response.StatusCode < 400)
                {
                    return result;
                }

                error = ErrorOf(response, path);
                retryAfter = response.RetryAfter;
            }
            else
            {
                error = result.Error;
            }

            if (attempt >= policy.MaxAttempts || !MayRetry(method, error))
            {
                if (_logger.IsEnabled(LogLevel.Warning))
                {
                    RedfishLog.Failed(_logger, method.Method, path, error.ToString());
                }

                return error;
            }

            var delay = policy.DelayBefore(attempt, retryAfter);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var reason = error.StatusCode is { } status ? $"{error.Kind} {status}" : error.Kind.ToString();
                RedfishLog.Retrying(_logger, method.Method, path, attempt, reason, (long)delay.TotalMilliseconds);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether a failed attempt may be repeated. Reads and idempotent writes (RFC 9110 §9.2.2: GET, HEAD, PUT,
    /// DELETE; PATCH here always sets absolute values) retry on any 5xx, timeout or connection failure. POST runs
    /// actions, so it retries only when the BMC cannot have acted: 503, or a connection that was never made.
    /// </summary>
    private static bool MayRetry(HttpMethod method, RedfishError error)
    {
        var idempotent = method != HttpMethod.Post;
        return error.Kind switch
        {
            RedfishErrorKind.ServerError => idempotent || error.StatusCode == 503,
            RedfishErrorKind.Timeout => idempotent,
            RedfishErrorKind.ConnectionFailed => idempotent || error.NeverConnected,
            _ => false,
        };
    }

    /// <summary>One exchange: never throws except for the caller's own cancellation.</summary>
    private async Task<RedfishResult<RedfishResponse>> ExchangeAsync(HttpMethod method, string path, byte[]? json, string? ifMatch, bool authenticate, CancellationToken cancellationToken)
    {
        if (!TryResolve(path, out var uri, out var linkError))
        {
            return linkError!;
        }

        var resource = uri!.PathAndQuery;
        using var request = new HttpRequestMessage(method, uri);
        // DSP0266 §8.1: OData-Version 4.0 on every request; Accept application/json.
        request.Headers.Add("OData-Version", "4.0");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        if (ifMatch is not null)
        {
            // An ETag from a BMC may be weak (W/"...") or even unquoted: send it back exactly as it came.
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (authenticate)
        {
            if (_options.Authentication == RedfishAuthentication.Basic)
            {
                var pair = Encoding.UTF8.GetBytes(_options.Credentials.UserName + ":" + _options.Credentials.Password);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
            }
            else if (_token is { } token)
            {
                request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                return new RedfishError(RedfishErrorKind.MalformedJson, $"the answer is larger than {MaxBodyBytes} bytes", resource, (int)response.StatusCode);
            }

            RedfishLog.Exchange(_logger, method.Method, resource, (int)response.StatusCode, watch.ElapsedMilliseconds);
            return new RedfishResponse(
                (int)response.StatusCode,
                body,
                response.Headers.Location is { } location ? location.OriginalString : null,
                response.Headers.TryGetValues("ETag", out var etags) ? etags.FirstOrDefault() : null,
                response.Headers.TryGetValues("X-Auth-Token", out var tokens) ? tokens.FirstOrDefault() : null,
                RetryAfterOf(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RedfishError(RedfishErrorKind.Timeout, $"no whole answer within {_options.RequestTimeout.TotalSeconds:0.###} s", resource);
        }
        catch (HttpRequestException exception)
        {
            return ConnectionError(exception, resource);
        }
        catch (IOException exception)
        {
            return new RedfishError(RedfishErrorKind.ConnectionFailed, "the connection dropped while the answer was read: " + exception.Message, resource);
        }
    }

    private static RedfishError ConnectionError(HttpRequestException exception, string resource)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return new RedfishError(RedfishErrorKind.CertificateRejected, "the TLS handshake failed (the BMC's certificate does not match the configured trust): " + inner.Message, resource);
            }
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => new RedfishError(RedfishErrorKind.CertificateRejected, "the TLS handshake failed: " + exception.Message, resource),
            HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError =>
                new RedfishError(RedfishErrorKind.ConnectionFailed, "could not connect: " + exception.Message, resource) { NeverConnected = true },
            _ => new RedfishError(RedfishErrorKind.ConnectionFailed, "the connection failed or dropped: " + exception.Message, resource),
        };
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? value) => value switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>The error for a 4xx/5xx answer, with the BMC's own messages (DSP0266 §9.6.1 error response).</summary>
    public static RedfishError ErrorOf(RedfishResponse response, string resource)
    {
        var status = response.StatusCode;
        var kind = status switch
        {
            400 => RedfishErrorKind.BadRequest,
            401 => RedfishErrorKind.Unauthorized,
            403 => RedfishErrorKind.Forbidden,
            404 => RedfishErrorKind.NotFound,
            405 => RedfishErrorKind.MethodNotAllowed,
            412 => RedfishErrorKind.PreconditionFailed,
            >= 500 => RedfishErrorKind.ServerError,
            _ => RedfishErrorKind.ClientError,
        };
        var reason = ReasonPhrase(status);
        return new RedfishError(kind, $"the BMC answered {status} {reason}".TrimEnd(), resource, status, RedfishJsonReader.ErrorMessages(response.Body));
    }

    private static string ReasonPhrase(int status) => Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : string.Empty;

    /// <summary>
    /// Resolves a path or URI from the BMC against its origin. Absolute URIs must name the same scheme, host and
    /// port: credentials and tokens are never sent anywhere else.
    /// </summary>
    public bool TryResolve(string path, out Uri? uri, out RedfishError? error)
    {
        uri = null;
        error = null;
        if (!Uri.TryCreate(path, UriKind.RelativeOrAbsolute, out var parsed))
        {
            error = new RedfishError(RedfishErrorKind.InvalidLink, $"'{Truncate(path)}' is not a URI");
            return false;
        }

        if (parsed.IsAbsoluteUri && parsed.Scheme is not ("http" or "https"))
        {
            // On Unix "/redfish/v1" parses as an absolute file URI: a rooted path is what it means here.
            if (parsed.IsFile && path.StartsWith('/'))
            {
                parsed = new Uri(path, UriKind.Relative);
            }
            else
            {
                error = new RedfishError(RedfishErrorKind.InvalidLink, $"'{Truncate(path)}' is not a path on the BMC");
                return false;
            }
        }

        if (parsed.IsAbsoluteUri)
        {
            if (Uri.Compare(parsed, _origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                error = new RedfishError(RedfishErrorKind.InvalidLink, $"the link '{Truncate(path)}' points away from the BMC {_origin.Authority}");
                return false;
            }

            uri = parsed;
            return true;
        }

        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            error = new RedfishError(RedfishErrorKind.InvalidLink, $"'{Truncate(path)}' is not a rooted path");
            return false;
        }

        uri = new Uri(_origin, path);
        return true;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public void Dispose()
    {
        _loginGate.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
