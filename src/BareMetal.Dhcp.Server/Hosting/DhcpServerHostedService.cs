using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BareMetal.Dhcp.Server.Hosting;

/// <summary>Runs a <see cref="DhcpServerListener"/> for the lifetime of the host.</summary>
internal sealed class DhcpServerHostedService(
    DhcpServerEngine engine,
    IOptions<DhcpServerOptions> options,
    ILogger<DhcpServerListener> logger,
    TimeProvider timeProvider) : IHostedService, IAsyncDisposable
{
    private DhcpServerListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = DhcpServerListener.Start(engine, options.Value, logger, timeProvider);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
            _listener = null;
        }
    }

    public ValueTask DisposeAsync() => _listener?.DisposeAsync() ?? ValueTask.CompletedTask;
}
