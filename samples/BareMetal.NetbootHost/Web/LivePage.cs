namespace BareMetal.NetbootHost.Web;

/// <summary>The live page at /: machines, their state and a live event timeline (server-sent events).</summary>
internal static class LivePage
{
    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(LivePage).Assembly.GetManifestResourceStream("BareMetal.NetbootHost.Web.index.html")
            ?? throw new InvalidOperationException("The live page resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static void MapLivePage(this IEndpointRouteBuilder app) =>
        app.MapGet("/", () => Results.Content(Html.Value, "text/html; charset=utf-8"));
}
