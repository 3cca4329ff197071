using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BareMetal.Images.Tests;

/// <summary>A real Kestrel on 127.0.0.1 and a free port, serving a temporary root at /images.</summary>
public sealed class ImageServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly ServerInstruments _instruments;

    private ImageServerHost(WebApplication app, TempDirectory root, CollectingLoggerProvider logs, Uri baseUri, ServerInstruments instruments)
    {
        _app = app;
        Root = root;
        Logs = logs;
        BaseUri = baseUri;
        _instruments = instruments;
    }

    public TempDirectory Root { get; }

    public CollectingLoggerProvider Logs { get; }

    /// <summary>e.g. http://127.0.0.1:41234/images/</summary>
    public Uri BaseUri { get; }

    public static async Task<ImageServerHost> StartAsync(Action<ImageServerOptions>? configure = null, Action<TempDirectory>? populate = null)
    {
        var root = new TempDirectory();
        populate?.Invoke(root);
        var logs = new CollectingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        var app = builder.Build();
        var options = new ImageServerOptions { RootDirectory = root.Path };
        configure?.Invoke(options);
        var instruments = new ServerInstruments(app.Services.GetRequiredService<IMeterFactory>());
        app.MapImages("/images", options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ImageServerHost(app, root, logs, new Uri(address.TrimEnd('/') + "/images/"), instruments);
    }

    public Uri Url(string relative) => new(BaseUri, relative);

    /// <summary>Completes once <paramref name="count"/> responses are streaming a body at the same time (admitted, holding their limits).</summary>
    public Task WhenStreamingAsync(int count = 1) => _instruments.WhenAtLeastAsync("baremetal.images.active_streams", count);

    /// <summary>Completes once the server has computed <paramref name="count"/> SHA-256 digests for Repr-Digest.</summary>
    public Task WhenDigestsComputedAsync(int count = 1) => _instruments.WhenAtLeastAsync("baremetal.images.digests_computed", count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _instruments.Dispose();
        Root.Dispose();
    }
}
