using BareMetal.NetbootHost.Inventory;
using BareMetal.NetbootHost.Machines;

namespace BareMetal.NetbootHost.Api;

/// <summary>Joins the inventory (what should be) with the state store (what happened) into API views.</summary>
internal sealed class MachineViews
{
    private readonly InventoryStore _inventory;
    private readonly MachineStore _store;

    public MachineViews(InventoryStore inventory, MachineStore store)
    {
        _inventory = inventory;
        _store = store;
    }

    /// <summary>True when the inventory lists the machine or the host has seen it.</summary>
    public bool Exists(MacAddress mac) => _inventory.Current.FindMachine(mac) is not null || _store.Get(mac.ToString()) is not null;

    public IReadOnlyList<MachineView> All(int eventsPerMachine)
    {
        var records = _store.List().ToDictionary(r => r.Mac, StringComparer.Ordinal);
        var macs = records.Keys.Union(_inventory.Current.Machines.Keys.Select(m => m.ToString())).Order(StringComparer.Ordinal);
        return macs.Select(mac => View(MacAddress.Parse(mac), records.GetValueOrDefault(mac), eventsPerMachine)).ToList();
    }

    public MachineView? One(MacAddress mac, int events)
    {
        var record = _store.Get(mac.ToString());
        return record is null && _inventory.Current.FindMachine(mac) is null ? null : View(mac, record, events);
    }

    private MachineView View(MacAddress address, MachineRecord? record, int eventCount)
    {
        var mac = address.ToString();
        var snapshot = _inventory.Current;
        var spec = snapshot.FindMachine(address);
        var progress = _store.Progress(mac);
        var actions = (spec?.Workflow ?? []).Select(a => new ActionStatusView(
            a.Index,
            a.Type,
            progress.TryGetValue(a.Index, out var p) ? p.Status : "pending",
            progress.TryGetValue(a.Index, out var q) ? q.Message : null)).ToList();
        var events = eventCount > 0 ? _store.Events(mac, eventCount) : [];
        return new MachineView(
            mac,
            spec?.Hostname ?? record?.Hostname,
            record?.Ip ?? spec?.Ip?.ToString(),
            record?.Arch,
            record?.Firmware?.ToText(),
            spec is null ? snapshot.DefaultProfile?.Name : snapshot.ProfileFor(spec)?.Name,
            spec is not null,
            (record?.State ?? MachineState.Waiting).ToText(),
            record?.StateMessage,
            record?.FirstSeen,
            record?.LastSeen,
            new WorkflowSummary(actions.Count, actions.Count(a => a.Status == ActionStatuses.Completed), actions),
            events.Select(ToView).ToList());
    }

    public static EventView ToView(MachineEvent e) => new(e.Id, e.Mac, e.Time, e.Type, e.Source, e.Message, e.Action);
}
