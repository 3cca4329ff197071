using BareMetal.NetbootHost;
using BareMetal.NetbootHost.Api;
using BareMetal.NetbootHost.Boot;
using BareMetal.NetbootHost.Configuration;
using BareMetal.NetbootHost.Inventory;
using BareMetal.NetbootHost.Machines;
using BareMetal.NetbootHost.Web;
using BareMetal.NetbootHost.Workflows;

// Composition only: command line and configuration, services, endpoints.
if (!CommandLine.TryParse(args, out var switches, out var help, out var argumentError))
{
    Console.Error.WriteLine($"error: {argumentError}");
    return 2;
}

if (help)
{
    Console.Out.Write(CommandLine.HelpText());
    return 0;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    // appsettings.json lives next to the program, wherever it is started from.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddInMemoryCollection(switches);

var options = builder.Configuration.GetSection(NetbootOptions.Section).Get<NetbootOptions>() ?? new NetbootOptions();
if (!HostSettings.TryResolve(options, out var settings, out var errors))
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"error: {error}");
    }

    Console.Error.WriteLine("Run baremetal-host --help for every option.");
    return 2;
}

Directory.CreateDirectory(settings!.DataDirectory);
var adminToken = AccessTokens.Resolve(options.AdminToken, settings.DataDirectory, out var generatedToken);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(settings.Address, settings.HttpPort);
    if (settings.HttpLoopback && !System.Net.IPAddress.IsLoopback(settings.Address))
    {
        kestrel.ListenLocalhost(settings.HttpPort);
    }
});

var services = builder.Services;
services.AddProblemDetails();
services.AddSingleton(settings);
services.AddSingleton(TimeProvider.System);
services.AddSingleton(new AccessTokens(adminToken));
services.AddSingleton(sp => new InventoryStore(settings.InventoryPath, (settings.Network, settings.PrefixLength), sp.GetRequiredService<ILogger<InventoryStore>>()));
services.AddSingleton(sp => new MachineStore(Path.Combine(settings.DataDirectory, "machines.db"), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MachineStore>>()));
services.AddSingleton<EventHub>();
services.AddSingleton<MachineTimeline>();
services.AddSingleton<MachineViews>();
services.AddSingleton<WorkflowService>();
services.AddSingleton<IBootScripts, IpxeBootScripts>();
NetbootServices.AddProtocolServers(services, settings, builder.Configuration);

var app = builder.Build();

// Load the inventory before anything listens: an invalid one stops the start with every line and field.
try
{
    _ = app.Services.GetRequiredService<InventoryStore>();
}
catch (InventoryException ex)
{
    foreach (var error in ex.Errors)
    {
        Console.Error.WriteLine($"error: {error}");
    }

    return 2;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseImageRequestRecorder();
NetbootServices.MapImageEndpoints(app, settings);
app.MapScripts();
app.MapMachineApi();
app.MapLivePage();
app.MapGet("/healthz", () => "ok");

var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BareMetal.NetbootHost");
app.Lifetime.ApplicationStarted.Register(() =>
{
#pragma warning disable CA1848, CA1873 // one line at start; a LoggerMessage method buys nothing here
    log.LogInformation(
        "baremetal-host ready on {Interface} {Address}/{Prefix}: services {Services}; live page {BaseUrl}/#token=ADMIN-TOKEN (admin token {TokenSource})",
        settings.Interface, settings.Address, settings.PrefixLength, options.Services, settings.BaseUrl,
        generatedToken || options.AdminToken is null ? $"in {Path.Combine(settings.DataDirectory, "admin-token")}" : "from the configuration");
#pragma warning restore CA1848, CA1873
});

// Resolve the stores now so that a broken database fails the start, not the first request.
app.Services.GetRequiredService<MachineTimeline>();
try
{
    await app.RunAsync().ConfigureAwait(false);
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"error: --http-port: cannot listen on port {settings.HttpPort}: {ex.Message} Stop the other program or pick another port.");
    return 1;
}
finally
{
    await app.DisposeAsync().ConfigureAwait(false);
}

return 0;
