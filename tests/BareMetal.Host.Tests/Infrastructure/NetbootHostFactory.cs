using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>
/// The reference host's own entry point (Program.cs: command line, validation, composition, endpoints) started in
/// this process by <see cref="WebApplicationFactory{TEntryPoint}"/>, given the contract's flags as its command line.
/// </summary>
/// <remarks>
/// WebApplicationFactory hands a minimal-hosting program its host settings (environment, application name, content
/// root) as <c>--key=value</c> arguments. The host's command line rejects flags it does not know (a contract the
/// command-line tests hold), so this factory replaces those settings with the contract's flags, which the program
/// accepts in the same <c>--flag=value</c> form: it starts exactly as with that command line, and with its
/// production environment and content root.
/// </remarks>
internal sealed class NetbootHostFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _flags;

    /// <param name="flags">Flag names without "--" and their values, such as ("services", "http").</param>
    /// <param name="kestrel">Serve on a real Kestrel socket (where the program listens) instead of TestServer.</param>
    public NetbootHostFactory(IReadOnlyDictionary<string, string?> flags, bool kestrel)
    {
        _flags = flags;
        if (kestrel)
        {
            UseKestrel();
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // On WebApplicationFactory's deferred builder this runs at once on the settings it turns into arguments.
        builder.ConfigureHostConfiguration(configuration =>
        {
            configuration.Sources.Clear();
            configuration.AddInMemoryCollection(_flags);
        });
        return base.CreateHost(builder);
    }
}
