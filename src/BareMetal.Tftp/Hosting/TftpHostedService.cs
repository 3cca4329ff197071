using Microsoft.Extensions.Hosting;

namespace BareMetal.Tftp;

/// <summary>Runs the <see cref="TftpServer"/> for the lifetime of the host.</summary>
internal sealed class TftpHostedService(TftpServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
