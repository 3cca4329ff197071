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

    /// <summary>
    /// Puts a second network behind the client namespace, reached only through it: a namespace "r" with one link
    /// (<paramref name="mac"/>, no address) on 198.18.10.0/24, whose gateway 198.18.10.1 is the client namespace. The
    /// client namespace forwards, and the host's namespace routes 198.18.10.0/24 back through 192.0.2.2, so a DHCP relay
    /// in the client namespace (giaddr 198.18.10.1) connects the two. Returns the new namespace and its link.
    /// </summary>
    public (string Namespace, string Link, string RelayDownstream) AddRelayedNetwork(string mac)
    {
        var relayed = _namespaces.AddNamespace("r");
        var downstream = $"bmho{Id}d";
        var link = $"bmho{Id}r";
        _namespaces.AddVeth(ClientNamespace, downstream, "198.18.10.1/24", relayed, link, null);
        NetworkNamespaces.Run("ip", "-n", relayed, "link", "set", link, "address", mac);
        NetworkNamespaces.Run("ip", "netns", "exec", ClientNamespace, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        NetworkNamespaces.Run("ip", "-n", ServerNamespace, "route", "add", "198.18.10.0/24", "via", ClientAddress);
        return (relayed, link, downstream);
    }

    /// <summary>Starts a process in the client namespace; it is stopped when the lab is disposed.</summary>
    public System.Diagnostics.Process StartInClient(string file, params string[] arguments) => _namespaces.StartIn(ClientNamespace, file, arguments);

    /// <summary>Runs a command inside the client namespace.</summary>
    public Task<CommandResult> InClientAsync(TimeSpan timeout, params string[] command) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", ClientNamespace, .. command], timeout);

    public ValueTask DisposeAsync()
    {
        _namespaces.Dispose();
        return ValueTask.CompletedTask;
    }
}
