namespace BareMetal.NetbootHost.Machines;

/// <summary>The lifecycle states a machine moves through.</summary>
internal enum MachineState
{
    /// <summary>Listed in the inventory, not seen yet.</summary>
    Waiting,

    /// <summary>Seen on the network but not in the inventory.</summary>
    Discovered,

    /// <summary>Seen by DHCP, TFTP or the script endpoint; booting the installer or its profile.</summary>
    Booting,

    /// <summary>Its agent runs the workflow.</summary>
    Provisioning,

    /// <summary>Every workflow action completed; it boots from its disk.</summary>
    Installed,

    /// <summary>An action failed; the message says why. The next boot runs the remaining actions again.</summary>
    Failed,
}

/// <summary>The one spelling of <see cref="MachineState"/> in the store, the API and the live page.</summary>
internal static class MachineStateText
{
    public static string ToText(this MachineState state) => state switch
    {
        MachineState.Waiting => "waiting",
        MachineState.Discovered => "discovered",
        MachineState.Booting => "booting",
        MachineState.Provisioning => "provisioning",
        MachineState.Installed => "installed",
        _ => "failed",
    };

    /// <summary>Reads a stored state; an unknown spelling (a newer host's state) reads as <see cref="MachineState.Booting"/>.</summary>
    public static MachineState Parse(string text) => text switch
    {
        "waiting" => MachineState.Waiting,
        "discovered" => MachineState.Discovered,
        "provisioning" => MachineState.Provisioning,
        "installed" => MachineState.Installed,
        "failed" => MachineState.Failed,
        _ => MachineState.Booting,
    };
}

/// <summary>A machine as the state store keeps it.</summary>
internal sealed record MachineRecord(
    string Mac,
    string? Hostname,
    string? Ip,
    string? Arch,
    BootFirmware? Firmware,
    MachineState State,
    string? StateMessage,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);

/// <summary>One entry of a machine's timeline.</summary>
/// <param name="Id">Increasing number, also the server-sent event id.</param>
/// <param name="Mac">The machine.</param>
/// <param name="Time">When the host recorded it.</param>
/// <param name="Type">dhcp-discover, dhcp-lease, tftp, script, image, agent-started, action-..., workflow-completed, installed, failed.</param>
/// <param name="Source">dhcp, tftp, http or agent.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="Action">The workflow action index, for action events.</param>
internal sealed record MachineEvent(long Id, string Mac, DateTimeOffset Time, string Type, string Source, string? Message, int? Action);

/// <summary>Progress of one workflow action of one machine.</summary>
internal sealed record ActionProgress(int Index, string Status, string? Message, DateTimeOffset Updated);

/// <summary>Action progress states.</summary>
internal static class ActionStatuses
{
    public const string Started = "started";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>A boot-stage event queued for the store's writer thread (<see cref="MachineStore.Post"/>).</summary>
/// <param name="Mac">The machine (formatted as text on the writer thread, not on the packet's thread).</param>
/// <param name="Inventory">The inventory when the server saw it: the writer reads whether it lists the machine (new
/// machines start in "booting" rather than "discovered") and its hostname, off the packet's thread.</param>
/// <param name="Ip">The address it was seen at, if known.</param>
/// <param name="Arch">The client architecture, if known.</param>
/// <param name="Firmware">BIOS or UEFI, if known.</param>
/// <param name="Time">When the server saw it (not when it is written).</param>
/// <param name="Type">The event type (<see cref="BootStageTypes"/>).</param>
/// <param name="Source">The server that saw it (<see cref="BootStageSources"/>).</param>
/// <param name="Message">What happened, in words.</param>
internal readonly record struct PendingBootStage(
    MacAddress Mac,
    Inventory.InventorySnapshot Inventory,
    System.Net.IPAddress? Ip,
    string? Arch,
    BootFirmware? Firmware,
    DateTimeOffset Time,
    string Type,
    string Source,
    string Message);
