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

    private ImageServerHost(WebApplication app, TempDirectory root, CollectingLoggerProvider logs, Uri baseUri)
    {
        _app = app;
        Root = root;
        Logs = logs;
        BaseUri = baseUri;
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
        app.MapImages("/images", options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ImageServerHost(app, root, logs, new Uri(address.TrimEnd('/') + "/images/"));
    }

    public Uri Url(string relative) => new(BaseUri, relative);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Root.Dispose();
    }
}
