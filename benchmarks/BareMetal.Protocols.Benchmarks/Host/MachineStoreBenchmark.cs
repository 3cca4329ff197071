using BareMetal.NetbootHost.Machines;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Host;

/// <summary>
/// What one boot-stage event (a DHCP DISCOVER seen, a TFTP transfer, a script request) costs the thread that
/// records it in the reference host: the synchronous path (upsert the machine, insert the event, each its own
/// SQLite transaction) against queueing it for the store's writer thread, and what the writer then spends per event
/// writing a batch in one transaction. WAL journal, synchronous=NORMAL, as the host runs it.
/// </summary>
[MemoryDiagnoser]
public class MachineStoreBenchmark : IDisposable
{
    private const int Batch = 1000;
    private string _directory = string.Empty;
    private MachineStore _store = null!;
    private string[] _macs = [];
    private MacAddress[] _addresses = [];
    private static readonly System.Net.IPAddress Seen = System.Net.IPAddress.Parse("192.0.2.10");
    private int _next;

    /// <summary>A fresh database with 1,000 known machines.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("bm-store-bench").FullName;
        _store = new MachineStore(Path.Combine(_directory, "machines.db"), TimeProvider.System);
        _macs = Enumerable.Range(0, 1000).Select(i => $"52:54:00:00:{i / 256:x2}:{i % 256:x2}").ToArray();
        _addresses = _macs.Select(MacAddress.Parse).ToArray();
        foreach (var mac in _macs)
        {
            _store.Touch(mac, MachineState.Discovered);
        }
    }

    /// <summary>Removes the database.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Closes the store (its writer thread writes what is queued first).</summary>
    public void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The old path: the recording thread upserts the machine and inserts the event itself.</summary>
    /// <returns>The event id.</returns>
    [Benchmark(Baseline = true)]
    public long Synchronous()
    {
        var mac = _macs[_next++ % _macs.Length];
        _store.Touch(mac, MachineState.Discovered, "192.0.2.10");
        return _store.AddEvent(mac, "dhcp-discover", "dhcp", "DHCP: unknown client on eth0", null).Id;
    }

    /// <summary>Writes what <see cref="Post"/> queued, outside the measurement, so the queue never fills (nothing is dropped).</summary>
    [IterationCleanup(Target = nameof(Post))]
    public void WriteQueued()
    {
        _store.Flush();
        if (_store.DroppedBootStages != 0)
        {
            throw new InvalidOperationException("events were dropped: the measurement would not be of the queueing path");
        }
    }

    /// <summary>The recording thread's cost now: queue the event (1,000 per invocation, written after each).</summary>
    /// <returns>Whether the last one was queued.</returns>
    [Benchmark(OperationsPerInvoke = Batch)]
    public bool Post()
    {
        var queued = false;
        for (var i = 0; i < Batch; i++)
        {
            queued = _store.Post(Stage(i));
        }

        _next += Batch;
        return queued;
    }

    /// <summary>Queue and write: the whole work per event when the batch is written in one transaction.</summary>
    /// <returns>Whether the last one was queued.</returns>
    [Benchmark(OperationsPerInvoke = Batch)]
    public bool PostAndWrite()
    {
        var queued = false;
        for (var i = 0; i < Batch; i++)
        {
            queued = _store.Post(Stage(i));
        }

        // The writer thread writes as the events arrive; the flush makes each invocation include all of that work.
        _store.Flush();
        _next += Batch;
        return queued;
    }

    private PendingBootStage Stage(int i) =>
        new(_addresses[(_next + i) % _addresses.Length], BareMetal.NetbootHost.Inventory.InventorySnapshot.Empty, Seen, null, null, DateTimeOffset.UtcNow, "dhcp-discover", "dhcp", "DHCP: unknown client on eth0");
}
