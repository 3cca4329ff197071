using System.Diagnostics.Metrics;
using BareMetal.Images;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the image endpoints' services (the hosting idiom of every BareMetal server package, docs/hosting.md).</summary>
public static class ImageServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the image server: <see cref="ImageServerOptions"/> validated once at start (each error naming the field),
    /// its instruments on the host's <see cref="IMeterFactory"/> and the request handler that
    /// <c>app.MapImages(prefix)</c> maps.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The options builder, for further binding (for example <c>.BindConfiguration("Images")</c>).</returns>
    public static OptionsBuilder<ImageServerOptions> AddImageServer(this IServiceCollection services, Action<ImageServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<ImageServerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImageServerOptions>, ImageServerOptionsValidator>());
        services.TryAddSingleton(sp => new ImageServerMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new ImageRequestHandler(
            sp.GetRequiredService<IOptions<ImageServerOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger(ImagesDiagnostics.LoggerCategory) ?? Logging.Abstractions.NullLogger.Instance,
            sp.GetRequiredService<ImageServerMetrics>()));
        return builder;
    }
}
