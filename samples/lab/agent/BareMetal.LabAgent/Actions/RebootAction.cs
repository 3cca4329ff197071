using BareMetal.LabAgent.Actions.Power;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>reboot</c>: restarts the machine (reboot(2) LINUX_REBOOT_CMD_RESTART) after the report; it then boots as its firmware says.</summary>
public sealed class RebootAction(ISystemPower power) : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "reboot";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Success("rebooting") with { AfterReport = PowerAction.EndTheSystem(power, RebootCommand.Restart) });
}
