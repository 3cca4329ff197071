using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Transport;

namespace BareMetal.Dhcp.Server.Tests.Interop;

/// <summary>Our server, running in this process with its sockets inside a test namespace, and a durable journal.</summary>
internal sealed class ServerInNamespace : IAsyncDisposable
{
    private readonly DhcpServerListener _listener;

    public ServerInNamespace(string ns, DhcpServerOptions options, string journalDirectory)
    {
        Options = options;
        Store = new JournalLeaseStore(journalDirectory);
        Engine = new DhcpServerEngine(options, Store, observers: [Ignored]);
        _listener = NetworkLab.InNamespace(ns, () => DhcpServerListener.Start(Engine, options));
    }

    public DhcpServerOptions Options { get; }

    public IgnoreCounter Ignored { get; } = new();

    public JournalLeaseStore Store { get; }

    public DhcpServerEngine Engine { get; }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        Engine.Dispose();
        Store.Dispose();
    }
}

/// <summary>Counts ignored packets by reason, for assertion messages.</summary>
internal sealed class IgnoreCounter : BareMetal.Dhcp.Server.Observability.IDhcpServerObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DhcpIgnoreReason, int> _counts = new();

    public void OnPacketIgnored(DhcpIgnoreReason reason) => _counts.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public override string ToString() => "ignored: " + string.Join(", ", _counts.Select(p => $"{p.Key}={p.Value}"));
}
