using BareMetal.LabBmc.Configuration;
using BareMetal.LabBmc.Control;
using BareMetal.LabBmc.Machines;
using BareMetal.LabBmc.Redfish;
using BareMetal.LabBmc.Tls;

// baremetal-lab-bmc --config bmc.json: a Redfish BMC over HTTPS for the lab's QEMU machines.
var configPath = args.SkipWhile(a => a != "--config").Skip(1).FirstOrDefault();
if (configPath is null)
{
    Console.Error.WriteLine("usage: baremetal-lab-bmc --config <bmc.json>   (see samples/lab/bmc/README.md)");
    return 2;
}

BmcConfiguration configuration;
string password;
try
{
    configuration = BmcConfigurationLoader.Load(configPath);
    password = configuration.PasswordFile is { } file
        ? File.ReadLines(file).FirstOrDefault()?.TrimEnd() ?? string.Empty
        : Environment.GetEnvironmentVariable(configuration.PasswordEnvironment!) ?? string.Empty;
    if (password.Length == 0)
    {
        throw new InvalidDataException($"{configPath}: the password from {(configuration.PasswordFile is null ? "environment variable " + configuration.PasswordEnvironment : "file " + configuration.PasswordFile)} is empty.");
    }
}
catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("error: " + exception.Message);
    return 2;
}

var listen = System.Net.IPEndPoint.Parse(configuration.Listen);
var certificate = BmcCertificate.LoadOrCreate(Path.GetFullPath(configuration.StateDirectory), [listen.Address.ToString(), .. configuration.CertificateHosts]);
var fingerprint = BmcCertificate.Fingerprint(certificate);
File.WriteAllText(Path.Combine(Path.GetFullPath(configuration.StateDirectory), "bmc-certificate.sha256"), fingerprint + "\n");

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(listen, l => l.UseHttps(certificate));
    if (configuration.ControlSocket is { } socket)
    {
        File.Delete(socket);
        kestrel.ListenUnixSocket(socket);
    }
});
builder.Services.AddSingleton(configuration);
builder.Services.AddSingleton(new SessionStore(configuration.UserName, password));
builder.Services.AddSingleton<TaskStore>();
builder.Services.AddSingleton<MachineSet>();

var app = builder.Build();
var machines = app.Services.GetRequiredService<MachineSet>();
app.UseMiddleware<RedfishAuthentication>();
RedfishEndpoints.Map(app, configuration, machines);
if (configuration.ControlSocket is not null)
{
    // Only requests that came through the unix socket reach the control API.
    var control = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        context.HttpContext.Connection.RemoteIpAddress is null && context.HttpContext.Connection.LocalIpAddress is null
            ? await next(context)
            : Results.NotFound());
    ChassisControlEndpoints.Map(control, machines);
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    Console.WriteLine($"baremetal-lab-bmc: https://{listen}/redfish/v1/ for {string.Join(", ", machines.Redfish.Select(m => m.Id))}");
    Console.WriteLine($"baremetal-lab-bmc: certificate SHA-256 {fingerprint}");
    if (configuration.ControlSocket is not null)
    {
        Console.WriteLine($"baremetal-lab-bmc: control socket {configuration.ControlSocket}");
    }
});
app.Lifetime.ApplicationStopping.Register(() => machines.DisposeAsync().AsTask().GetAwaiter().GetResult());
await app.RunAsync();
return 0;
