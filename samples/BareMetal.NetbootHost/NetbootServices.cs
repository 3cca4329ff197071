using BareMetal.Dhcp.Server.Access;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Observability;
using BareMetal.Images;
using BareMetal.NetbootHost.Boot;
using BareMetal.NetbootHost.Configuration;
using BareMetal.Tftp;
using Microsoft.Extensions.Options;

namespace BareMetal.NetbootHost;

/// <summary>
/// Wires the protocol packages into the host. Each package's own options section ("DhcpServer", "Tftp",
/// "Images") binds from configuration first; the command line's facts (interface, address, range, folders)
/// are applied after it and win.
/// </summary>
internal static class NetbootServices
{
    /// <summary>
    /// The script URL iPXE is offered. iPXE expands ${platform} ("efi" or "pcbios") in the DHCP file name
    /// before it fetches it, which tells the script endpoint whether the EFI initrd= rule applies.
    /// </summary>
    public const string IpxeScriptUrl = "http://{server}:{port}/ipxe/{mac}?platform=${platform}";

    public static void AddProtocolServers(IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        if (settings.RunDhcp)
        {
            AddDhcp(services, settings, configuration);
        }

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

        if (settings.RunHttp)
        {
            services.AddOptions<ImageServerOptions>().Bind(configuration.GetSection("Images"));
            services.AddImageServer(images => images.RootDirectory = settings.ImagesRoot);
        }
    }

    private static void AddDhcp(IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        services.AddSingleton(sp => new ArchitectureBootPolicy(sp.GetRequiredService<IOptions<DhcpServerOptions>>()));
        services.AddSingleton<DhcpInventoryLookup>();
        services.AddSingleton<InventoryBootPolicy>();
        services.AddSingleton<IBootPolicy>(sp => sp.GetRequiredService<InventoryBootPolicy>());
        services.AddSingleton<IDhcpReservationSource, InventoryReservations>();
        services.AddSingleton<IDhcpServerObserver, DhcpTimelineObserver>();
        services.AddOptions<DhcpServerOptions>().Bind(configuration.GetSection("DhcpServer"));
        services.AddDhcpServer(dhcp =>
        {
            dhcp.Interfaces.Add(new DhcpInterfaceOptions
            {
                Name = settings.Interface!,
                ServerAddress = settings.Address.ToString(),
                Mode = settings.ProxyDhcp ? DhcpServerMode.Proxy : DhcpServerMode.Full,
            });
            foreach (var configured in settings.ConfiguredSubnets)
            {
                dhcp.Subnets.Add(configured);
            }

            if (!settings.ProxyDhcp && settings.RangeFirst is not null)
            {
                var subnet = new DhcpSubnetOptions { Network = $"{settings.Network}/{settings.PrefixLength}" };
                subnet.Pools.Add($"{settings.RangeFirst}-{settings.RangeLast}");
                subnet.Router = settings.Subnet.Router?.ToString();
                subnet.DomainName = settings.Subnet.Domain;
                if (settings.Subnet.Domain is { } domain)
                {
                    subnet.DomainSearch.Add(domain);
                }

                foreach (var dns in settings.Subnet.DnsServers)
                {
                    subnet.DnsServers.Add(dns.ToString());
                }

                foreach (var ntp in settings.Subnet.NtpServers)
                {
                    subnet.NtpServers.Add(ntp.ToString());
                }

                dhcp.Subnets.Add(subnet);
            }

            dhcp.LeaseTime = settings.LeaseTime;
            dhcp.LeaseJournalDirectory = Path.Combine(settings.DataDirectory, "leases");
            dhcp.KnownClientsOnly = settings.KnownMachinesOnly;
            dhcp.Boot.HttpPort = settings.HttpPort;
            dhcp.Boot.IpxeScriptUrl = IpxeScriptUrl;
        });
    }

    /// <summary>Files under --images at /images/NAME, served by BareMetal.Images (ranges, validators, digests).</summary>
    public static void MapImageEndpoints(WebApplication app, HostSettings settings)
    {
        if (!settings.RunHttp)
        {
            return;
        }

        app.MapImages("/images");
    }
}
