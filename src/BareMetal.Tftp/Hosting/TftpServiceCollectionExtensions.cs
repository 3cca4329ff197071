using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BareMetal.Tftp;

/// <summary>Registers the TFTP server in a host (the hosting idiom of every BareMetal server package, docs/hosting.md).</summary>
public static class TftpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the TFTP server as a hosted service with <see cref="TftpServerOptions"/> validated once at start, the
    /// <see cref="TftpMetrics"/> instruments on the host's <see cref="IMeterFactory"/> and, unless the host registered
    /// its own <see cref="ITftpFileProvider"/>, a <see cref="DirectoryTftpFileProvider"/> over
    /// <see cref="TftpServerOptions.RootDirectory"/>. Register <see cref="ITftpServerObserver"/> implementations to
    /// receive transfer events.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The options builder, for further binding (for example <c>.BindConfiguration("Tftp")</c>).</returns>
    public static OptionsBuilder<TftpServerOptions> AddTftpServer(this IServiceCollection services, Action<TftpServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<TftpServerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TftpServerOptions>, TftpServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TftpMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TftpServerOptions>>().Value;

            // The host's provider when it registered one; otherwise the folder the (validated) options name.
            var files = sp.GetService<ITftpFileProvider>()
                ?? new DirectoryTftpFileProvider(options.RootDirectory!, options.AllowWrite, options.AllowOverwrite);
            return new TftpServer(
                options,
                files,
                sp.GetService<ILogger<TftpServer>>(),
                sp.GetRequiredService<TftpMetrics>(),
                sp.GetServices<ITftpServerObserver>(),
                sp.GetRequiredService<TimeProvider>())
            {
                OptionsValidated = true,
            };
        });
        services.AddHostedService<TftpHostedService>();
        return builder;
    }
}

/// <summary>Validates <see cref="TftpServerOptions"/> once, at start, naming each bad field and its fix.</summary>
/// <param name="registrations">Tells whether the host registered its own <see cref="ITftpFileProvider"/> (then no root is needed).</param>
internal sealed class TftpServerOptionsValidator(IServiceProviderIsService registrations) : IValidateOptions<TftpServerOptions>
{
    public ValidateOptionsResult Validate(string? name, TftpServerOptions options)
    {
        var errors = options.Validate().ToList();
        var usesDefaultProvider = !registrations.IsService(typeof(ITftpFileProvider));
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
