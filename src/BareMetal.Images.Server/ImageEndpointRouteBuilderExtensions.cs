using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.Images;

/// <summary>Maps the image endpoints onto an ASP.NET Core application.</summary>
public static class ImageEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the files under <see cref="ImageServerOptions.RootDirectory"/> at <c>{prefix}/{**path}</c> for GET and
    /// HEAD, with byte ranges, entity tags, conditional requests and <c>Repr-Digest</c>. Uses the application's
    /// <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/> when registered.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="prefix">The URL prefix, e.g. <c>/images</c>.</param>
    /// <param name="options">The options; validated here, so a bad configuration fails at start with the field named.</param>
    /// <returns>The endpoint's convention builder (to add authorization, rate limiting or metadata).</returns>
    /// <exception cref="InvalidOperationException">The options are invalid (the message names the field and the fix).</exception>
    public static IEndpointConventionBuilder MapImages(this IEndpointRouteBuilder endpoints, string prefix, ImageServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var services = endpoints.ServiceProvider;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(ImagesDiagnostics.LoggerCategory) ?? NullLogger.Instance;
        var meter = services.GetService<IMeterFactory>()?.Create(ImagesDiagnostics.MeterName) ?? new Meter(ImagesDiagnostics.MeterName);
        var handler = new ImageRequestHandler(options, logger, new ImageServerMetrics(meter));
        var pattern = prefix.TrimEnd('/') + "/{**path}";
        return endpoints.MapMethods(pattern, ["GET", "HEAD"], handler.HandleAsync);
    }
}
