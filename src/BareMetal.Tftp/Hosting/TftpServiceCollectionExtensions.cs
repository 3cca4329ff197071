using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BareMetal.Tftp;

/// <summary>Registers the TFTP server in a host.</summary>
public static class TftpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the TFTP server as a hosted service with validated <see cref="TftpServerOptions"/>, the
    /// <see cref="TftpMetrics"/> meter and, unless the host registered its own <see cref="ITftpFileProvider"/>,
    /// a <see cref="DirectoryTftpFileProvider"/> over <see cref="TftpServerOptions.RootDirectory"/>.
    /// Register <see cref="ITftpServerObserver"/> implementations to receive transfer events.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTftpServer(this IServiceCollection services, Action<TftpServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TftpServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        var defaultProvider = ServiceDescriptor.Singleton<ITftpFileProvider>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<TftpServerOptions>>().Value;
            return new DirectoryTftpFileProvider(settings.RootDirectory!, settings.AllowWrite, settings.AllowOverwrite);
        });
        services.TryAdd(defaultProvider);
        services.AddSingleton<IValidateOptions<TftpServerOptions>>(new TftpServerOptionsValidator(services, defaultProvider));
        services.TryAddSingleton(sp => new TftpMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new TftpServer(
            sp.GetRequiredService<IOptions<TftpServerOptions>>().Value,
            sp.GetRequiredService<ITftpFileProvider>(),
            sp.GetService<ILogger<TftpServer>>(),
            sp.GetRequiredService<TftpMetrics>(),
            sp.GetServices<ITftpServerObserver>()));
        services.AddHostedService<TftpHostedService>();
        return services;
    }
}

/// <summary>Validates <see cref="TftpServerOptions"/> at start, naming each bad field and its fix.</summary>
/// <param name="services">The registrations, to see whether the host supplied its own file provider.</param>
/// <param name="defaultProvider">The default provider registration added by <see cref="TftpServiceCollectionExtensions.AddTftpServer"/>.</param>
internal sealed class TftpServerOptionsValidator(IServiceCollection services, ServiceDescriptor defaultProvider) : IValidateOptions<TftpServerOptions>
{
    public ValidateOptionsResult Validate(string? name, TftpServerOptions options)
    {
        var errors = options.Validate().ToList();
        var usesDefaultProvider = services.LastOrDefault(d => d.ServiceType == typeof(ITftpFileProvider)) == defaultProvider;
        if (usesDefaultProvider && string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            errors.Add("Tftp:RootDirectory is not set: set it to the folder of boot files, or register an ITftpFileProvider.");
        }
        else if (!string.IsNullOrWhiteSpace(options.RootDirectory) && !Directory.Exists(options.RootDirectory))
        {
            errors.Add($"Tftp:RootDirectory '{options.RootDirectory}' does not exist: create it or point RootDirectory at an existing folder.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
