using System.Diagnostics.Metrics;
using BareMetal.Dhcp.Server.Access;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Observability;
using BareMetal.Dhcp.Server.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DHCP server with the generic host.</summary>
public static class DhcpServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the DHCP server: options (validated once, at start, each error naming the field), the lease store (journal
    /// when <see cref="DhcpServerOptions.LeaseJournalDirectory"/> is set), the default <see cref="IBootPolicy"/>
    /// (register your own first to replace it), the engine, the meter and a hosted service running the sockets.
    /// Register <see cref="IDhcpServerObserver"/>s and an <see cref="IDhcpReservationSource"/> as you need.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The options builder, for further binding (for example <c>.BindConfiguration("Dhcp")</c>).</returns>
    public static OptionsBuilder<DhcpServerOptions> AddDhcpServer(this IServiceCollection services, Action<DhcpServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<DhcpServerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        // One validator instance: it checks the options at start and keeps what it compiled for the engine.
        services.TryAddSingleton<DhcpServerOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DhcpServerOptions>, DhcpServerOptionsValidator>(
            static sp => sp.GetRequiredService<DhcpServerOptionsValidator>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBootPolicy, ArchitectureBootPolicy>();
        services.TryAddSingleton(sp => new DhcpServerMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IDhcpLeaseStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DhcpServerOptions>>().Value;
            return options.LeaseJournalDirectory is { Length: > 0 } directory
                ? new JournalLeaseStore(directory, options.JournalSync, options.JournalSyncInterval, sp.GetService<ILogger<JournalLeaseStore>>(), sp.GetRequiredService<DhcpServerMetrics>())
                : new InMemoryLeaseStore();
        });
        services.TryAddSingleton(sp => new DhcpServerEngine(
            sp.GetRequiredService<DhcpServerOptionsValidator>().Compiled(sp.GetRequiredService<IOptions<DhcpServerOptions>>().Value),
            sp.GetRequiredService<IDhcpLeaseStore>(),
            sp.GetRequiredService<IBootPolicy>(),
            sp.GetServices<IDhcpServerObserver>(),
            sp.GetService<IDhcpReservationSource>(),
            sp.GetService<ILogger<DhcpServerEngine>>(),
            sp.GetRequiredService<DhcpServerMetrics>()));
        services.AddSingleton<IHostedService, DhcpServerHostedService>();
        services.AddSingleton<IHostedService, LeaseExpirySweeper>();
        return builder;
    }
}
