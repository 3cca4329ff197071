using BareMetal.NetbootHost.Configuration;
using BareMetal.NetbootHost.Inventory;
using BareMetal.LabAgent;
using BareMetal.NetbootHost.Machines;

namespace BareMetal.NetbootHost.Workflows;

/// <summary>
/// A machine's workflow as the agent sees it (only the actions not completed yet, with absolute URLs) and
/// the rules that move it forward from the agent's events.
/// </summary>
internal sealed class WorkflowService
{
    /// <summary>Event types the agent sends (docs/host-api.md).</summary>
    public static readonly string[] AgentEventTypes =
        [EventTypes.AgentStarted, EventTypes.ActionStarted, EventTypes.ActionProgress, EventTypes.ActionCompleted, EventTypes.ActionFailed, EventTypes.WorkflowCompleted];

    private readonly InventoryStore _inventory;
    private readonly MachineTimeline _timeline;
    private readonly HostSettings _settings;

    public WorkflowService(InventoryStore inventory, MachineTimeline timeline, HostSettings settings)
    {
        _inventory = inventory;
        _timeline = timeline;
        _settings = settings;
    }

    /// <summary>The actions of <paramref name="mac"/>'s workflow that have not completed, in order.</summary>
    public IReadOnlyList<WorkflowAction> Pending(MacAddress mac)
    {
        var spec = _inventory.Current.FindMachine(mac);
        if (spec is null || spec.Workflow.Count == 0)
        {
            return [];
        }

        var progress = _timeline.Store.Progress(mac.ToString());
        return spec.Workflow.Where(a => !(progress.TryGetValue(a.Index, out var p) && p.Status == ActionStatuses.Completed)).ToList();
    }

    /// <summary>True when the machine has a workflow and every action of it completed.</summary>
    public bool IsComplete(MacAddress mac)
    {
        var spec = _inventory.Current.FindMachine(mac);
        return spec is not null && spec.Workflow.Count > 0 && Pending(mac).Count == 0;
    }

    /// <summary>The URL the agent streams an image from: names under --images become /images/NAME.</summary>
    public string ImageUrl(string image) =>
        image.Contains("://", StringComparison.Ordinal) ? image : $"{_settings.BaseUrl}/images/{Uri.EscapeDataString(image).Replace("%2F", "/", StringComparison.Ordinal)}";

    /// <summary>
    /// Applies one agent event: records it on the timeline, updates action progress and the machine state.
    /// Returns an error text (for a 400 answer) when the event does not fit the workflow; nothing is
    /// recorded then.
    /// </summary>
    public string? Apply(MacAddress mac, string type, string? message, int? action)
    {
        var spec = _inventory.Current.FindMachine(mac);
        var workflow = spec?.Workflow ?? [];
        var needsAction = type is EventTypes.ActionStarted or EventTypes.ActionProgress or EventTypes.ActionCompleted or EventTypes.ActionFailed;
        if (needsAction && action is null)
        {
            return $"'{type}' needs \"action\": the index of the action from GET /api/v1/machines/{mac}/workflow.";
        }

        if (action is { } index && workflow.All(a => a.Index != index))
        {
            return workflow.Count == 0
                ? $"action {index} is not in the workflow of {mac}: the machine has no workflow."
                : $"action {index} is not in the workflow of {mac}; its actions are {string.Join(", ", workflow.Select(a => a.Index))}.";
        }

        var store = _timeline.Store;
        var text = mac.ToString();
        switch (type)
        {
            case EventTypes.AgentStarted:
                _timeline.Record(mac, type, BootStageSources.Agent, message, action, MachineState.Provisioning);
                break;
            case EventTypes.ActionStarted:
                store.SetProgress(text, action!.Value, ActionStatuses.Started, message);
                _timeline.Record(mac, type, BootStageSources.Agent, message, action, MachineState.Provisioning);
                break;
            case EventTypes.ActionCompleted:
                store.SetProgress(text, action!.Value, ActionStatuses.Completed, message);
                _timeline.Record(mac, type, BootStageSources.Agent, message, action);
                if (Pending(mac).Count == 0)
                {
                    MarkInstalled(mac, message);
                }

                break;
            case EventTypes.ActionFailed:
                store.SetProgress(text, action!.Value, ActionStatuses.Failed, message);
                _timeline.Record(mac, type, BootStageSources.Agent, message, action, MachineState.Failed, message ?? $"action {action} failed");
                break;
            case EventTypes.WorkflowCompleted:
                foreach (var pending in Pending(mac))
                {
                    store.SetProgress(text, pending.Index, ActionStatuses.Completed, message);
                }

                _timeline.Record(mac, type, BootStageSources.Agent, message, action);
                MarkInstalled(mac, message);
                break;
            default:
                _timeline.Record(mac, type, BootStageSources.Agent, message, action);
                break;
        }

        return null;
    }

    /// <summary>Forgets the progress so that the next boot runs the whole workflow again.</summary>
    public void Reprovision(MacAddress mac)
    {
        _timeline.Store.ResetProgress(mac.ToString());
        _timeline.Record(mac, "reprovision", "api", "workflow progress cleared; the next boot runs the workflow again", null, MachineState.Booting);
    }

    private void MarkInstalled(MacAddress mac, string? message)
    {
        if (_timeline.Store.Get(mac.ToString())?.State != MachineState.Installed)
        {
            _timeline.Record(mac, MachineState.Installed.ToText(), "host", message ?? "every workflow action completed; the next boot uses the local disk", null, MachineState.Installed);
        }
    }
}
