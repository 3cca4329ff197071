using BareMetal.Testing;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>
/// Two network namespaces joined by a veth pair (<see cref="NetworkNamespaces"/>): the host's side (192.0.2.1/24)
/// and a client side (192.0.2.2/24 for curl; DHCP clients run on macvlan links with their own MACs on top of it).
/// Every name starts with "bmho-" and carries a random id; <see cref="DisposeAsync"/> removes all of it.
/// </summary>
internal sealed class NetworkLab : IAsyncDisposable
{
    public const string ServerAddress = "192.0.2.1";
    public const string ClientAddress = "192.0.2.2";

    private readonly NetworkNamespaces _namespaces = new("bmho");

    private NetworkLab()
    {
        ServerInterface = $"bmho{_namespaces.Id}s";
        ClientInterface = $"bmho{_namespaces.Id}c";
        try
        {
            ServerNamespace = _namespaces.AddNamespace("s");
            ClientNamespace = _namespaces.AddNamespace("c");
            _namespaces.AddVeth(ServerNamespace, ServerInterface, $"{ServerAddress}/24", ClientNamespace, ClientInterface, $"{ClientAddress}/24");
        }
        catch
        {
            _namespaces.Dispose();
            throw;
        }
    }

    public string Id => _namespaces.Id;

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public string ServerInterface { get; }

    public string ClientInterface { get; }

    public static Task<NetworkLab> CreateAsync() => Task.Run(() => new NetworkLab());

    /// <summary>Adds a macvlan link with <paramref name="mac"/> on the client side, for one DHCP client.</summary>
    public Task<string> AddClientLinkAsync(string name, string mac)
    {
        var link = $"bmho{Id}{name}";
        _namespaces.AddMacvlan(ClientNamespace, ClientInterface, link, mac);
        return Task.FromResult(link);
    }

    /// <summary>Runs a command inside the client namespace.</summary>
    public Task<CommandResult> InClientAsync(TimeSpan timeout, params string[] command) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", ClientNamespace, .. command], timeout);

    public ValueTask DisposeAsync()
    {
        _namespaces.Dispose();
        return ValueTask.CompletedTask;
    }
}
