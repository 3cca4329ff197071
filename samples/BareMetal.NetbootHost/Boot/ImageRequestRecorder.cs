using BareMetal.NetbootHost.Machines;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// Puts image downloads on the machine timeline: a request under /images/ from an address the host leased
/// (or that asked for a script) becomes an "image" event once the response has started.
/// </summary>
internal static class ImageRequestRecorder
{
    public static IApplicationBuilder UseImageRequestRecorder(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context).ConfigureAwait(false);
        if (!context.Request.Path.StartsWithSegments("/images", out var rest) || !HttpMethods.IsGet(context.Request.Method))
        {
            return;
        }

        var status = context.Response.StatusCode;
        if (status is not (StatusCodes.Status200OK or StatusCodes.Status206PartialContent) || context.Connection.RemoteIpAddress is not { } remote)
        {
            return;
        }

        var timeline = context.RequestServices.GetRequiredService<MachineTimeline>();
        if (timeline.MacFor(remote) is { } mac)
        {
            var range = context.Request.Headers.Range.ToString();
            var message = $"GET /images{rest}{(range.Length > 0 ? $" ({range})" : "")} -> {status}";
            timeline.RecordBootStage(mac, BootStageTypes.Image, BootStageSources.Http, message);
        }
    });
}
