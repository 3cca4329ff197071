namespace BareMetal.NetbootHost.Api;

/// <summary>A machine as GET /api/v1/machines returns it.</summary>
internal sealed record MachineView(
    string Mac,
    string? Hostname,
    string? Ip,
    string? Arch,
    string? Firmware,
    string? Profile,
    bool Known,
    string State,
    string? StateMessage,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    WorkflowSummary Workflow,
    IReadOnlyList<EventView> Events);

/// <summary>Progress through a machine's workflow.</summary>
internal sealed record WorkflowSummary(int Total, int Completed, IReadOnlyList<ActionStatusView> Actions);

/// <summary>One action and how far it got.</summary>
internal sealed record ActionStatusView(int Index, string Type, string Status, string? Message);

/// <summary>One timeline entry.</summary>
internal sealed record EventView(long Id, string Mac, DateTimeOffset Time, string Type, string Source, string? Message, int? Action);

/// <summary>GET /api/v1/machines/{mac}/workflow: the agent's to-do list.</summary>
internal sealed record WorkflowDocument(string Mac, string State, IReadOnlyList<WorkflowActionView> Actions);

/// <summary>One action for the agent. stream-image fills image, url, target and sha256; report fills message.</summary>
internal sealed record WorkflowActionView(int Index, string Type, string? Image, string? Url, string? Target, string? Sha256, string? Message);

/// <summary>POST /api/v1/machines/{mac}/events body.</summary>
internal sealed class AgentEventBody
{
    public string? Type { get; set; }

    public string? Message { get; set; }

    public int? Action { get; set; }
}

/// <summary>GET /api/v1/inventory: what is loaded and why the last reload was rejected, if it was.</summary>
internal sealed record InventoryView(string Source, DateTimeOffset LoadedAt, IReadOnlyList<string> Profiles, int Machines, string? DefaultProfile, IReadOnlyList<string> LastReloadErrors);
