namespace BareMetal.Redfish;

/// <summary>A system's boot source override as the BMC reports it.</summary>
/// <param name="Target">The override target (<see cref="BootSource.None"/> when absent or unknown).</param>
/// <param name="TargetText">The target exactly as the BMC wrote it (it may be a value this library has no name for).</param>
/// <param name="Enabled">How long it lasts.</param>
/// <param name="Mode">Legacy or UEFI, when the BMC says.</param>
/// <param name="AllowedTargets">The BMC's <c>BootSourceOverrideTarget@Redfish.AllowableValues</c> as written (empty when not advertised).</param>
public sealed record BootOverride(BootSource Target, string? TargetText, BootOverrideEnabled Enabled, BootSourceMode Mode, IReadOnlyList<string> AllowedTargets);
