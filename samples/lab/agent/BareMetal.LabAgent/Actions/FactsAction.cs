using System.Globalization;
using System.Text.Json;
using BareMetal.LabAgent.Actions.Facts;

namespace BareMetal.LabAgent.Actions;

/// <summary>
/// <c>facts</c>: collects the machine's hardware facts (<see cref="HardwareFacts"/>) from /proc, /sys and the DMI tables
/// and returns them as the result's <see cref="ActionResult.Data"/>, which the runner posts with the action-completed event.
/// Takes no parameters.
/// </summary>
public sealed class FactsAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "facts";

    private readonly FactsCollector _collector;

    /// <summary>Creates the action.</summary>
    /// <param name="collector">The collector (over "/" on the machine).</param>
    public FactsAction(FactsCollector? collector = null) => _collector = collector ?? new FactsCollector();

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = _collector.Collect();
        var gib = (facts.Memory.TotalBytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);
        var message = $"{facts.Cpu.LogicalCount} CPU(s) ({facts.Cpu.Model ?? "unknown model"}), {gib} GiB memory, {facts.Disks.Count} disk(s), {facts.Nics.Count} NIC(s)";
        foreach (var disk in facts.Disks)
        {
            context.Log.Info($"disk {disk.Name}: {disk.SizeBytes} bytes, model {disk.Model ?? "-"}, serial {disk.Serial ?? "-"}");
        }

        foreach (var nic in facts.Nics)
        {
            context.Log.Info($"nic {nic.Name}: {nic.Mac ?? "-"}, driver {nic.Driver ?? "-"}, {(nic.SpeedMbps is { } s ? s + " Mb/s" : "speed unknown")}");
        }

        var data = JsonSerializer.SerializeToElement(facts, ActionJsonContext.Default.HardwareFacts);
        return Task.FromResult(ActionResult.Success(message) with { Data = data });
    }
}
