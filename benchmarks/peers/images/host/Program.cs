using System.Globalization;
using System.Net;
using BareMetal.Images;

// usage: ImagesBenchHost ROOT ADDRESS PORT
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ImagesBenchHost ROOT ADDRESS PORT");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k =>
{
    k.Listen(IPAddress.Parse(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture));
    k.Limits.MaxConcurrentConnections = null;
    k.AddServerHeader = false;
});
var app = builder.Build();
app.MapImages("/images", new ImageServerOptions { RootDirectory = args[0] });
await app.RunAsync();
return 0;
