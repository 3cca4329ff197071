using System.Security.Cryptography;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>
/// Two network namespaces joined by a veth pair: the host's side (192.0.2.1/24) and a client side
/// (192.0.2.2/24 for curl; DHCP clients run on macvlan links with their own MACs on top of it).
/// Every name starts with "bmho-" and carries a random suffix; <see cref="DisposeAsync"/> removes all of it.
/// </summary>
internal sealed class NetworkLab : IAsyncDisposable
{
    public const string ServerAddress = "192.0.2.1";
    public const string ClientAddress = "192.0.2.2";

    private readonly List<string> _namespaces = [];

    private NetworkLab(string id)
    {
        Id = id;
        ServerNamespace = $"bmho-s{id}";
        ClientNamespace = $"bmho-c{id}";
        ServerInterface = $"bmho-{id}s";
        ClientInterface = $"bmho-{id}c";
    }

    public string Id { get; }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public string ServerInterface { get; }

    public string ClientInterface { get; }

    public static bool IsRoot => Environment.UserName == "root" || (OperatingSystem.IsLinux() && File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    public static async Task<NetworkLab> CreateAsync()
    {
        var lab = new NetworkLab(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2)));
        try
        {
            await lab.SetUpAsync();
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    private async Task SetUpAsync()
    {
        foreach (var ns in new[] { ServerNamespace, ClientNamespace })
        {
            await ProcessRunner.CheckAsync("ip", "netns", "add", ns);
            _namespaces.Add(ns);
            await ProcessRunner.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        }

        await ProcessRunner.CheckAsync("ip", "link", "add", ServerInterface, "netns", ServerNamespace, "type", "veth", "peer", "name", ClientInterface, "netns", ClientNamespace);
        await ProcessRunner.CheckAsync("ip", "-n", ServerNamespace, "addr", "add", $"{ServerAddress}/24", "dev", ServerInterface);
        await ProcessRunner.CheckAsync("ip", "-n", ClientNamespace, "addr", "add", $"{ClientAddress}/24", "dev", ClientInterface);
        await ProcessRunner.CheckAsync("ip", "-n", ServerNamespace, "link", "set", ServerInterface, "up");
        await ProcessRunner.CheckAsync("ip", "-n", ClientNamespace, "link", "set", ClientInterface, "up");
    }

    /// <summary>Adds a macvlan link with <paramref name="mac"/> on the client side, for one DHCP client.</summary>
    public async Task<string> AddClientLinkAsync(string name, string mac)
    {
        var link = $"bmho-{Id}{name}";
        await ProcessRunner.CheckAsync("ip", "-n", ClientNamespace, "link", "add", "link", ClientInterface, "name", link, "address", mac, "type", "macvlan", "mode", "bridge");
        await ProcessRunner.CheckAsync("ip", "-n", ClientNamespace, "link", "set", link, "up");
        return link;
    }

    /// <summary>Runs a command inside the client namespace.</summary>
    public Task<CommandResult> InClientAsync(TimeSpan timeout, params string[] command) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", ClientNamespace, .. command], timeout);

    public async ValueTask DisposeAsync()
    {
        // Deleting a namespace removes its veth end, which removes the peer and the macvlan links too.
        foreach (var ns in _namespaces)
        {
            await ProcessRunner.RunAsync("ip", "netns", "del", ns);
        }

        _namespaces.Clear();
    }
}
