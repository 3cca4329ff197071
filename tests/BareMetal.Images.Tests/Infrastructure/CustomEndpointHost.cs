using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BareMetal.Images.Tests;

/// <summary>
/// A bare Kestrel on 127.0.0.1 and a free port with endpoints a test writes itself: servers that misbehave on
/// purpose (stall, announce a wrong digest) where <see cref="ImageServerHost"/> serves files correctly.
/// </summary>
public sealed class CustomEndpointHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CustomEndpointHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public Uri Address { get; }

    /// <summary>Starts Kestrel with the endpoints <paramref name="map"/> adds (logging off).</summary>
    public static async Task<CustomEndpointHost> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CustomEndpointHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
