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
    /// HEAD, with byte ranges, entity tags, conditional requests and <c>Repr-Digest</c>, using the options, meter and
    /// logger registered by <c>services.AddImageServer(...)</c> (validated once, at start).
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="prefix">The URL prefix, e.g. <c>/images</c>.</param>
    /// <returns>The endpoint's convention builder (to add authorization, rate limiting or metadata).</returns>
    /// <exception cref="InvalidOperationException"><c>AddImageServer</c> was not called.</exception>
    public static IEndpointConventionBuilder MapImages(this IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var handler = endpoints.ServiceProvider.GetService<ImageRequestHandler>()
            ?? throw new InvalidOperationException("MapImages(prefix) needs the image server's services: call builder.Services.AddImageServer(...) first, or pass the options to MapImages(prefix, options).");
        return Map(endpoints, prefix, handler);
    }

    /// <summary>
    /// Serves the files under <see cref="ImageServerOptions.RootDirectory"/> at <c>{prefix}/{**path}</c> with options
    /// given here instead of registered: validated here with the same rules, so a bad configuration fails at start
    /// with the field named. Metrics go to the host's <see cref="IMeterFactory"/> (every ASP.NET Core host has one).
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="prefix">The URL prefix, e.g. <c>/images</c>.</param>
    /// <param name="options">The options.</param>
    /// <returns>The endpoint's convention builder (to add authorization, rate limiting or metadata).</returns>
    /// <exception cref="InvalidOperationException">The options are invalid (the message names each field and the fix), or no <see cref="IMeterFactory"/> is registered.</exception>
    public static IEndpointConventionBuilder MapImages(this IEndpointRouteBuilder endpoints, string prefix, ImageServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var services = endpoints.ServiceProvider;
        var meterFactory = services.GetService<IMeterFactory>()
            ?? throw new InvalidOperationException("MapImages needs an IMeterFactory: call services.AddMetrics() (WebApplication.CreateBuilder registers one).");
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(ImagesDiagnostics.LoggerCategory) ?? NullLogger.Instance;
        return Map(endpoints, prefix, new ImageRequestHandler(options, logger, new ImageServerMetrics(meterFactory)));
    }

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string prefix, ImageRequestHandler handler) =>
        endpoints.MapMethods(prefix.TrimEnd('/') + "/{**path}", ["GET", "HEAD"], handler.HandleAsync);
}
