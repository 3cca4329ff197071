using BareMetal.NetbootHost.Configuration;

namespace BareMetal.NetbootHost;

/// <summary>Wires the protocol packages (DHCP, TFTP, images) into the host.</summary>
internal static class NetbootServices
{
    public static void AddProtocolServers(IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        _ = services;
        _ = settings;
        _ = configuration;
    }

    public static void MapImageEndpoints(WebApplication app, HostSettings settings)
    {
        _ = app;
        _ = settings;
    }
}
