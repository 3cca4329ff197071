using BareMetal.LabAgent.Actions.Power;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>poweroff</c>: powers the machine off (reboot(2) LINUX_REBOOT_CMD_POWER_OFF) after the report.</summary>
public sealed class PoweroffAction(ISystemPower power) : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "poweroff";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Success("powering off") with { AfterReport = PowerAction.EndTheSystem(power, RebootCommand.PowerOff) });
}
