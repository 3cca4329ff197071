using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BareMetal.LabAgent;

/// <summary>The agent's side of the host API: read the workflow, post events. Retries are bounded in count.</summary>
public sealed class HostApiClient
{
    private readonly HttpClient http;
    private readonly KernelCommandLine settings;
    private readonly TextWriter log;

    /// <summary>Creates a client for one machine.</summary>
    /// <param name="http">The HTTP client (its timeout bounds each request).</param>
    /// <param name="settings">The API base URL, MAC and token from the kernel command line.</param>
    /// <param name="log">Where progress lines go (the console, which is the serial port).</param>
    public HostApiClient(HttpClient http, KernelCommandLine settings, TextWriter log)
    {
        this.http = http;
        this.settings = settings;
        this.log = log;
    }

    /// <summary>How many times a request is tried before the agent gives up.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>Pause between two attempts.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>GET /api/v1/machines/{mac}/workflow</c>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The remaining actions.</returns>
    public Task<Workflow> GetWorkflowAsync(CancellationToken cancellationToken) =>
        WithRetriesAsync("GET workflow", async ct =>
        {
            using var response = await http.GetAsync(MachineUri("workflow"), ct).ConfigureAwait(false);
            await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
            var workflow = await response.Content.ReadFromJsonAsync(AgentJsonContext.Default.Workflow, ct).ConfigureAwait(false);
            return workflow ?? throw new InvalidDataException("the workflow body is JSON null");
        }, cancellationToken);

    /// <summary><c>POST /api/v1/machines/{mac}/events</c> with the machine token.</summary>
    /// <param name="agentEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the host accepted the event.</returns>
    public Task PostEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken) =>
        WithRetriesAsync("POST event " + agentEvent.Type, async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, MachineUri("events"))
            {
                Content = JsonContent.Create(agentEvent, AgentJsonContext.Default.AgentEvent),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    // The MAC was validated as hex octets and colons, which RFC 3986 section 3.3 allows in a path segment as is.
    private Uri MachineUri(string leaf) =>
        new(settings.Api, $"/api/v1/machines/{settings.Mac}/{leaf}");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (body.Length > 300)
        {
            body = body[..300];
        }

        // 4xx answers will not change on retry (wrong token, unknown MAC, bad body): fail at once.
        var permanent = (int)response.StatusCode is >= 400 and < 500;
        throw new HostApiException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {body}", permanent);
    }

    private async Task<T> WithRetriesAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                await log.WriteLineAsync($"agent: {what} failed (attempt {attempt}/{Attempts}): {Describe(ex)}; retrying").ConfigureAwait(false);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The exception's message with its causes, which say why a request failed (refused, reset, timed out).</summary>
    /// <param name="ex">The exception.</param>
    /// <returns>The messages joined with " - ".</returns>
    public static string Describe(Exception ex)
    {
        var text = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += " - " + inner.Message;
        }

        return text;
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        HostApiException api => !api.Permanent,
        HttpRequestException or TaskCanceledException or IOException => true,
        _ => false,
    };
}

/// <summary>The host answered a request with an error status.</summary>
public sealed class HostApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HostApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The status and the start of the body.</param>
    public HostApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public HostApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error status.</summary>
    /// <param name="message">The status and the start of the body.</param>
    /// <param name="permanent">Whether retrying cannot help (a 4xx status).</param>
    public HostApiException(string message, bool permanent)
        : base(message)
    {
        Permanent = permanent;
    }

    /// <summary>Whether retrying cannot help.</summary>
    public bool Permanent { get; }
}
