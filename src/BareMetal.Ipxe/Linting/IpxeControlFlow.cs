namespace BareMetal.Ipxe;

/// <summary>
/// Which lines of a script can run, read as iPXE runs it. <c>process_script()</c> (src/image/script.c) runs
/// the lines in order and stops at the first line whose <c>system()</c> status is not zero;
/// <c>system()</c> (src/core/exec.c) runs the commands of a line, deciding after each one by its
/// terminator (<c>||</c> runs the next only after a failure, <c>&amp;&amp;</c> only after a success, <c>;</c>
/// always; a skipped command keeps the previous status); <c>goto</c> ends the line and jumps
/// (<c>SHELL_STOP_COMMAND</c>), <c>exit</c> ends the script, and <c>chain --replace</c> ends the script when
/// it succeeds (<c>imgexec()</c> in src/hci/commands/image_cmd.c stops the command sequence); <c>poweroff</c>
/// only comes back with an error, <c>reboot</c> only if the platform does not reset.
/// A label is taken as an entry point even when nothing jumps to it, so that only lines no path can reach are
/// reported.
/// </summary>
internal sealed class IpxeControlFlow
{
    private readonly bool[] _reachable;
    private readonly bool[] _fallsThrough;
    private readonly int[] _stopper;

    public IpxeControlFlow(IpxeScript script, IReadOnlyDictionary<string, int> labels)
    {
        var lines = script.Lines;
        _reachable = new bool[lines.Count];
        _fallsThrough = new bool[lines.Count];
        _stopper = new int[lines.Count];
        var reachable = true;
        var stopper = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Label is not null)
            {
                reachable = true;
                stopper = -1;
            }

            _reachable[i] = reachable;
            _stopper[i] = stopper;
            _fallsThrough[i] = FallsThrough(line, labels);
            if (reachable && !_fallsThrough[i])
            {
                reachable = false;
                stopper = i;
            }
        }
    }

    /// <summary>Whether some path reaches the line (index into <see cref="IpxeScript.Lines"/>).</summary>
    public bool IsReachable(int line) => _reachable[line];

    /// <summary>Whether running the line can go on to the next one.</summary>
    public bool FallsThroughAt(int line) => _fallsThrough[line];

    /// <summary>For an unreachable line, the index of the line that never falls through to it; -1 otherwise.</summary>
    public int StopperOf(int line) => _stopper[line];

    /// <summary>What running one command can lead to.</summary>
    [Flags]
    private enum Outcome
    {
        None = 0,

        /// <summary>Status 0: the line goes on.</summary>
        Success = 1,

        /// <summary>Status not 0: the line goes on to a <c>||</c> or <c>;</c>, else the script stops.</summary>
        Failure = 2,

        /// <summary>The command ends the line and leaves it: a jump, the end of the script, a replacement image.</summary>
        Leaves = 4,

        /// <summary>A failure is a false condition (iseq, isset, cpuid, ...); see <see cref="FallsThrough"/>.</summary>
        Condition = 8,
    }

    /// <summary>
    /// Whether some path through the line ends with status 0, so the next line runs. An unhandled false
    /// condition (<c>iseq a b &amp;&amp; goto x</c>) also counts as going on: it does stop the script, but the author
    /// meant the next line to run and <see cref="IpxeDiagnosticCode.UnguardedCondition"/> reports that mistake,
    /// so the next line is not reported again as unreachable.
    /// </summary>
    internal static bool FallsThrough(IpxeLine line, IReadOnlyDictionary<string, int> labels)
    {
        // A state is (whether the next command runs, whether the status is 0, whether a non-zero status is a false condition).
        const int Process = 1, Zero = 2, FromCondition = 4;
        Span<bool> states = stackalloc bool[8];
        Span<bool> next = stackalloc bool[8];
        states[Process | Zero] = true;
        var commands = line.Commands;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            next.Clear();
            for (var state = 0; state < 8; state++)
            {
                if (!states[state])
                {
                    continue;
                }

                if ((state & Process) == 0)
                {
                    next[state & ~Process] = true;
                    continue;
                }

                var outcome = Outcomes(command, labels);
                if ((outcome & Outcome.Success) != 0)
                {
                    next[Zero] = true;
                }

                if ((outcome & Outcome.Failure) != 0)
                {
                    next[(outcome & Outcome.Condition) != 0 ? FromCondition : 0] = true;
                }
            }

            states.Clear();
            for (var state = 0; state < 8; state++)
            {
                if (!next[state])
                {
                    continue;
                }

                if (command.Separator == IpxeSeparator.None)
                {
                    if ((state & (Zero | FromCondition)) != 0)
                    {
                        return true;
                    }

                    continue;
                }

                var zero = (state & Zero) != 0;
                var process = command.Separator switch
                {
                    IpxeSeparator.Or => !zero,
                    IpxeSeparator.And => zero,
                    _ => true,
                };
                states[(state & ~Process) | (process ? Process : 0)] = true;
            }

            if (command.Separator == IpxeSeparator.None)
            {
                return false;
            }
        }

        // No commands (a blank, comment or label line): nothing stops the script.
        return commands.Count == 0;
    }

    private static Outcome Outcomes(IpxeCommand command, IReadOnlyDictionary<string, int> labels)
    {
        if (command.IsEmpty)
        {
            // execv(NULL): "an empty command is deemed to do nothing, successfully".
            return Outcome.Success;
        }

        if (command.OptionError != IpxeOptionError.None)
        {
            // It fails, and the script stops unless the line handles that; the option error is reported
            // already, so the lines after it are not reported again as unreachable.
            return Outcome.Failure | Outcome.Condition;
        }

        return command.Kind switch
        {
            // A jump fails when no label has the name: through a setting ("goto ${menu} || chain ${menu}.ipxe"),
            // or to a missing fixed label (IPXE007); a failure stops the script unless the line handles it.
            IpxeCommandKind.Goto when command.FirstArgument is { } target && (target.HasReferences || !labels.ContainsKey(target.Text)) => Outcome.Leaves | Outcome.Failure,
            IpxeCommandKind.Goto or IpxeCommandKind.Exit => Outcome.Leaves,

            // reboot_exec() returns 0 if the platform's reboot() comes back; poweroff_exec() returns poweroff()'s error.
            IpxeCommandKind.Reboot => Outcome.Leaves | Outcome.Success,
            IpxeCommandKind.Poweroff => Outcome.Leaves | Outcome.Failure,
            IpxeCommandKind.Chain or IpxeCommandKind.Imgexec or IpxeCommandKind.Boot when command.HasOption("replace") => Outcome.Leaves | Outcome.Failure,
            _ when IsCondition(command) => Outcome.Success | Outcome.Failure | Outcome.Condition,
            _ => Outcome.Success | Outcome.Failure,
        };
    }

    /// <summary>
    /// Commands whose failure means "false" rather than "broken": <c>iseq</c>, <c>isset</c>, <c>cpuid</c>,
    /// <c>choose</c> (cancelled with Esc), and <c>prompt</c> when it can time out or waits for one key
    /// (<c>prompt_exec()</c> in src/image/script.c).
    /// </summary>
    internal static bool IsCondition(IpxeCommand command) =>
        command.Kind is IpxeCommandKind.Iseq or IpxeCommandKind.Isset or IpxeCommandKind.Choose or IpxeCommandKind.Cpuid
        || (command.Kind == IpxeCommandKind.Prompt && (command.HasOption("timeout") || command.HasOption("key")));
}
