using System.Net;
using BareMetal.Netboot;
using BareMetal.NetbootHost.Inventory;
using BareMetal.NetbootHost.Machines;

namespace BareMetal.Host.Tests;

/// <summary>The machine store's queued boot-stage path on a real SQLite file: nothing lost, order kept, reads see it.</summary>
public sealed class MachineStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bm-store-tests").FullName;
    private readonly MachineStore _store;

    public MachineStoreTests() => _store = new MachineStore(Path.Combine(_directory, "machines.db"), TimeProvider.System);

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Post_FromManyThreads_WritesEveryEventInOrderPerMachine()
    {
        const int threads = 8, perThread = 400, machines = 16;
        var raised = new List<MachineEvent>();
        _store.EventWritten += e =>
        {
            lock (raised)
            {
                raised.Add(e);
            }
        };

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                // Each thread owns its machines, so each machine's events have one order to keep.
                var mac = Mac((t * machines) + (i % machines));
                Assert.True(_store.Post(Stage(mac, $"{t}:{i}")));
            }
        })));

        _store.Flush();
        var events = _store.Events(null, 100_000);
        Assert.Equal(threads * perThread, events.Count);
        Assert.Equal(threads * perThread, raised.Count);
        Assert.Equal(threads * machines, _store.List().Count);
        foreach (var machine in events.GroupBy(e => e.Mac))
        {
            var sequence = machine.Select(e => int.Parse(e.Message!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sequence.Order(), sequence);
        }

        Assert.Equal(0, _store.DroppedBootStages);
    }

    [Fact]
    public void Read_RightAfterPost_SeesTheEvent()
    {
        // No waiting for the writer thread: every read first writes what is queued.
        _store.Post(Stage("52:54:00:aa:00:01", "first"));
        var machine = _store.Get("52:54:00:aa:00:01");
        Assert.NotNull(machine);
        Assert.Equal(MachineState.Discovered, machine.State);
        Assert.Equal("192.0.2.50", machine.Ip);
        Assert.Equal("first", Assert.Single(_store.Events("52:54:00:aa:00:01", 10)).Message);
    }

    [Fact]
    public void Post_ListedMachine_LeavesDiscovered_AndKeepsALaterState()
    {
        const string mac = "52:54:00:aa:00:02";
        _store.Post(Stage(mac, "seen before it was listed"));
        Assert.Equal(MachineState.Discovered, _store.Get(mac)!.State);

        _store.Post(Stage(mac, "listed now") with { Inventory = Listing(mac, "node-2") });
        var listed = _store.Get(mac)!;
        Assert.Equal(MachineState.Booting, listed.State);
        Assert.Equal("node-2", listed.Hostname);

        // A state set by a synchronous call is not overwritten by a later boot stage.
        _store.SetState(mac, MachineState.Provisioning, null);
        _store.Post(Stage(mac, "script again") with { Inventory = Listing(mac, null) });
        Assert.Equal(MachineState.Provisioning, _store.Get(mac)!.State);
    }

    [Fact]
    public void SynchronousEvent_AfterQueuedOnes_GetsTheNextId()
    {
        const string mac = "52:54:00:aa:00:03";
        _store.Post(Stage(mac, "dhcp"));
        _store.Post(Stage(mac, "tftp"));
        var agent = _store.AddEvent(mac, "agent-started", "agent", "agent up", null);
        var events = _store.Events(mac, 10);
        Assert.Equal(["dhcp", "tftp", "agent up"], events.Select(e => e.Message));
        Assert.Equal(agent.Id, events[^1].Id);
    }

    [Fact]
    public void Dispose_WritesWhatIsStillQueued()
    {
        var path = Path.Combine(_directory, "second.db");
        using (var store = new MachineStore(path, TimeProvider.System))
        {
            for (var i = 0; i < 500; i++)
            {
                store.Post(Stage(Mac(i), $"event {i}"));
            }
        }

        using var reopened = new MachineStore(path, TimeProvider.System);
        Assert.Equal(500, reopened.Events(null, 1000).Count);
    }

    private static string Mac(int i) => $"52:54:00:00:{i / 256:x2}:{i % 256:x2}";

    private static PendingBootStage Stage(string mac, string message) =>
        new(MacAddress.Parse(mac), InventorySnapshot.Empty, IPAddress.Parse("192.0.2.50"), "X64Uefi", BootFirmware.Uefi, DateTimeOffset.UtcNow, "dhcp-discover", "dhcp", message);

    /// <summary>An inventory that lists <paramref name="mac"/> (the writer thread reads "listed" and the hostname from it).</summary>
    private static InventorySnapshot Listing(string mac, string? hostname) =>
        new([], [new MachineSpec(MacAddress.Parse(mac), hostname, null, null, [])], null, "test", DateTimeOffset.UtcNow);
}
