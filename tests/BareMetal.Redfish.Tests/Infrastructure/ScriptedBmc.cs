using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BareMetal.Redfish.Tests;

/// <summary>
/// A Kestrel server on loopback that answers with the responses a test writes: recorded shapes of vendors' BMCs,
/// faults (503 then success, a connection it aborts, an answer that never comes). Counts requests per path.
/// </summary>
public sealed class ScriptedBmc : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new();

    private ScriptedBmc(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, int> Hits { get; } = new();

    public ConcurrentQueue<(string Method, string Path, string Body, string? IfMatch, string? Token, string? Authorization)> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ScriptedBmc> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var bmc = new ScriptedBmc(app);
        app.Run(bmc.HandleAsync);
        await app.StartAsync();
        bmc.BaseAddress = new Uri(app.Urls.First() + "/");
        return bmc;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="handler"/>.</summary>
    public void On(string method, string path, Func<HttpContext, Task> handler) => _routes[method + " " + path] = handler;

    /// <summary>Answers with a fixed JSON body.</summary>
    public void Json(string method, string path, string json, int status = 200, string? etag = null, string? location = null) =>
        On(method, path, context => Write(context, status, json, etag, location));

    public static async Task Write(HttpContext context, int status, string? json, string? etag = null, string? location = null)
    {
        context.Response.StatusCode = status;
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
        }

        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }

        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }

    public int HitsOn(string method, string path) => Hits.GetValueOrDefault(method + " " + path);

    public RedfishClientOptions Options(RedfishAuthentication authentication = RedfishAuthentication.Basic, int attempts = 3, TimeSpan? timeout = null) => new()
    {
        BaseAddress = BaseAddress,
        Credentials = new RedfishCredentials("root", "calvin-h18-secret"),
        Authentication = authentication,
        AllowUnencryptedHttp = true,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
        TaskPollInterval = TimeSpan.FromMilliseconds(20),
        TaskTimeout = TimeSpan.FromSeconds(5),
        Retry = new RedfishRetryPolicy { MaxAttempts = attempts, InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    };

    private async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Method + " " + context.Request.Path.Value;
        Hits.AddOrUpdate(key, 1, (_, n) => n + 1);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue((context.Request.Method, context.Request.Path.Value!, body, context.Request.Headers.IfMatch.FirstOrDefault(),
            context.Request.Headers["X-Auth-Token"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault()));
        if (_routes.TryGetValue(key, out var handler))
        {
            await handler(context);
            return;
        }

        await Write(context, 404, """{"error":{"code":"Base.1.8.ResourceMissingAtURI","message":"not scripted"}}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
