using BareMetal.NetbootHost.Boot;
using BareMetal.NetbootHost.Configuration;
using BareMetal.Tftp;

namespace BareMetal.NetbootHost;

/// <summary>
/// Wires the protocol packages into the host: each package's own options section ("Tftp", "DhcpServer",
/// "Images") binds from configuration first, then the command line's facts (interface, address, folders) win.
/// </summary>
internal static class NetbootServices
{
    public static void AddProtocolServers(IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        if (settings.RunTftp)
        {
            services.AddSingleton<ITftpServerObserver, TftpTimelineObserver>();
            services.AddOptions<TftpServerOptions>().Bind(configuration.GetSection("Tftp"));
            services.AddTftpServer(tftp =>
            {
                tftp.RootDirectory = settings.TftpRoot;
                tftp.ListenAddress = settings.Address.ToString();
                tftp.InterfaceName = settings.Interface;
            });
        }
    }

    public static void MapImageEndpoints(WebApplication app, HostSettings settings)
    {
        _ = app;
        _ = settings;
    }
}
