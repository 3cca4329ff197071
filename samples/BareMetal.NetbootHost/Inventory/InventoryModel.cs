using System.Net;

namespace BareMetal.NetbootHost.Inventory;

/// <summary>A validated inventory: what the host knows about profiles and machines, immutable once loaded.</summary>
internal sealed class InventorySnapshot
{
    public static readonly InventorySnapshot Empty = new([], [], null, "(none)", DateTimeOffset.MinValue);

    public InventorySnapshot(
        IReadOnlyList<BootProfile> profiles,
        IReadOnlyList<MachineSpec> machines,
        string? defaultProfile,
        string source,
        DateTimeOffset loadedAt)
    {
        Profiles = profiles.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Machines = machines.ToDictionary(m => m.Mac);
        DefaultProfile = defaultProfile is null ? null : Profiles[defaultProfile];
        Source = source;
        LoadedAt = loadedAt;
    }

    public IReadOnlyDictionary<string, BootProfile> Profiles { get; }

    public IReadOnlyDictionary<MacAddress, MachineSpec> Machines { get; }

    /// <summary>The profile unknown machines boot, or null: unknown machines get no boot.</summary>
    public BootProfile? DefaultProfile { get; }

    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    public MachineSpec? FindMachine(MacAddress mac) => Machines.GetValueOrDefault(mac);

    public BootProfile? ProfileFor(MachineSpec machine) =>
        machine.Profile is null ? DefaultProfile : Profiles.GetValueOrDefault(machine.Profile);
}

/// <summary>A kernel, its initrds and a command line; kernel and initrds name files under --images or URLs.</summary>
internal sealed record BootProfile(string Name, string Kernel, IReadOnlyList<string> Initrds, string Cmdline);

/// <summary>One machine of the rack, keyed by its MAC; <see cref="LocalBoot"/> says how its installed disk boots on EFI.</summary>
internal sealed record MachineSpec(
    MacAddress Mac,
    string? Hostname,
    IPAddress? Ip,
    string? Profile,
    IReadOnlyList<WorkflowAction> Workflow,
    BareMetal.Ipxe.LocalBootSpec? LocalBoot = null);

/// <summary>The kinds of workflow actions the agent knows.</summary>
internal static class WorkflowActionTypes
{
    public const string StreamImage = "stream-image";
    public const string Report = "report";
}

/// <summary>One step of a machine's workflow. Fields not used by the type are null.</summary>
internal sealed record WorkflowAction(int Index, string Type, string? Image, string? Target, string? Sha256, string? Message);
