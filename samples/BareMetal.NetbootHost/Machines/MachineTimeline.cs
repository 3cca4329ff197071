using System.Collections.Concurrent;
using System.Net;
using BareMetal.NetbootHost.Inventory;

namespace BareMetal.NetbootHost.Machines;

/// <summary>
/// Turns what each server saw (DHCP, TFTP, script, image and agent events) into a machine's timeline and
/// state, persisted in the <see cref="MachineStore"/> and published to the live page.
/// </summary>
internal sealed class MachineTimeline
{
    private readonly MachineStore _store;
    private readonly EventHub _hub;
    private readonly InventoryStore _inventory;
    private readonly ConcurrentDictionary<IPAddress, MacAddress> _macByIp = new();

    public MachineTimeline(MachineStore store, EventHub hub, InventoryStore inventory)
    {
        _store = store;
        _hub = hub;
        _inventory = inventory;
        _store.EventWritten += hub.Publish;
        foreach (var machine in store.List())
        {
            if (machine.Ip is not null && IPAddress.TryParse(machine.Ip, out var ip) && MacAddress.TryParse(machine.Mac, out var mac))
            {
                _macByIp[ip] = mac;
            }
        }
    }

    public MachineStore Store => _store;

    /// <summary>The machine that last held <paramref name="ip"/> (from its lease or its script request).</summary>
    public MacAddress? MacFor(IPAddress ip) => _macByIp.TryGetValue(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, out var mac) ? mac : null;

    /// <summary>
    /// Records a boot-stage event (DHCP, TFTP, script, image) without waiting for the database: remembers the
    /// machine's address at once and queues the rest (create the machine when new, refresh its facts, move a machine
    /// now listed in the inventory out of "discovered", append the event) for the store's writer thread. The live
    /// page gets the event once it is written; any read of the store sees it. Called on packet paths (under the DHCP
    /// engine's lock): it neither formats the MAC nor searches the inventory, the writer thread does both.
    /// </summary>
    public void RecordBootStage(MacAddress mac, string type, string source, string message, IPAddress? ip = null, string? arch = null, BootFirmware? firmware = null)
    {
        // A loopback request (a person with curl on the host) says nothing about where the machine is.
        if (ip is not null && IPAddress.IsLoopback(ip))
        {
            ip = null;
        }

        if (ip is not null)
        {
            _macByIp[ip] = mac;
        }

        _store.Post(new PendingBootStage(mac, _inventory.Current, ip, arch, firmware, _store.Now, type, source, message));
    }

    /// <summary>Records an event and moves the machine to <paramref name="state"/> when given.</summary>
    public MachineEvent Record(MacAddress mac, string type, string source, string? message, int? action, MachineState? state = null, string? stateMessage = null)
    {
        var spec = _inventory.Current.FindMachine(mac);
        var text = mac.ToString();
        _store.Touch(text, spec is null ? MachineState.Discovered : MachineState.Booting, hostname: spec?.Hostname);
        if (state is { } newState)
        {
            _store.SetState(text, newState, stateMessage);
        }

        return Publish(_store.AddEvent(text, type, source, message, action));
    }

    private MachineEvent Publish(MachineEvent machineEvent)
    {
        _hub.Publish(machineEvent);
        return machineEvent;
    }
}
