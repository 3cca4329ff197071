using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions.Power;

/// <summary>
/// What the reboot, poweroff and kexec actions share: they succeed with a <see cref="ActionResult.AfterReport"/> step,
/// so the runner reports the action (and the workflow) completed first, and only then is the OS ended: sync(2), then
/// reboot(2) with the command. That step returns only when the kernel refused, with the reason.
/// </summary>
public static class PowerAction
{
    /// <summary>The step run after the report.</summary>
    /// <param name="power">The system calls.</param>
    /// <param name="command">The reboot(2) command.</param>
    /// <returns>The step; it throws <see cref="IOException"/> when reboot(2) returns.</returns>
    public static Action EndTheSystem(ISystemPower power, RebootCommand command) => () =>
    {
        ArgumentNullException.ThrowIfNull(power);
        power.Sync();
        var errno = power.Reboot(command);
        throw new IOException($"reboot(2) {command} failed: {Libc.Describe(errno)}");
    };
}
