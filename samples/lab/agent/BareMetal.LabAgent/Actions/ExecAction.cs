using System.Diagnostics;
using System.Globalization;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>exec</c> parameters.</summary>
public sealed class ExecParameters
{
    /// <summary>The program: an absolute path, or a name looked up in the agent's PATH (e.g. <c>/bin/sh</c>, <c>mkfs.ext4</c>).</summary>
    public string? Command { get; set; }

    /// <summary>Its arguments, passed as they are (no shell: use <c>/bin/sh</c> with <c>-c</c> for one).</summary>
    public IList<string> Args { get; set; } = [];

    /// <summary>Environment variables added to (or replacing) the agent's.</summary>
    public IDictionary<string, string> Env { get; set; } = new Dictionary<string, string>();

    /// <summary>Start with only <see cref="Env"/> (plus PATH), not the agent's environment.</summary>
    public bool ClearEnv { get; set; }

    /// <summary>The working directory (default: the agent's).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Seconds before the command's process tree is killed (in addition to the action's own <c>timeout</c>).</summary>
    public int? Timeout { get; set; }
}

/// <summary>
/// <c>exec</c>: runs a command from the initramfs (or one fetched earlier onto a disk) with arguments, environment,
/// working directory and timeout; stdout and stderr lines go to the action log; exit code 0 is success.
/// </summary>
public sealed class ExecAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "exec";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TryGetParameters(ActionJsonContext.Default.ExecParameters, out var p, out var error))
        {
            return ActionResult.Failure(error);
        }

        if (string.IsNullOrWhiteSpace(p.Command))
        {
            return context.InvalidParameter("command", "is missing: name the program, e.g. /bin/sh");
        }

        if (p.Timeout is <= 0)
        {
            return context.InvalidParameter("timeout", $"is {p.Timeout}: give seconds > 0, or leave it out");
        }

        if (p.WorkingDirectory is { } dir && !Directory.Exists(dir))
        {
            return context.InvalidParameter("workingDirectory", $"'{dir}' is not a directory");
        }

        var start = new ProcessStartInfo(p.Command, p.Args) { WorkingDirectory = p.WorkingDirectory ?? string.Empty };
        if (p.ClearEnv)
        {
            var path = start.Environment.TryGetValue("PATH", out var value) ? value : null;
            start.Environment.Clear();
            start.Environment["PATH"] = path ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        }

        foreach (var (name, value) in p.Env)
        {
            start.Environment[name] = value;
        }

        context.Log.Info($"exec {p.Command}{string.Concat(p.Args.Select(a => " " + a))}");
        var timeout = p.Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var outcome = await CommandRunner.RunAsync(start, context.Log, timeout, cancellationToken).ConfigureAwait(false);
        return Describe(p.Command, outcome, timeout);
    }

    /// <summary>The result for a command's outcome (shared with <c>oci</c>).</summary>
    /// <param name="what">The command, as the message names it.</param>
    /// <param name="outcome">How it ended.</param>
    /// <param name="timeout">Its timeout.</param>
    /// <returns>Success for exit code 0; otherwise a failure carrying the exit code, 127 when it could not start, or a timeout.</returns>
    public static ActionResult Describe(string what, CommandOutcome outcome, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.StartError is { } startError)
        {
            // 127: the shell's "command not found" exit code.
            return ActionResult.Failure(startError, 127);
        }

        if (outcome.ExitCode is not { } code)
        {
            return ActionResult.TimedOut($"{what} did not exit within {timeout!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: its process tree was killed");
        }

        return code == 0
            ? ActionResult.Success($"{what} exited with 0")
            : ActionResult.Failure(code > 128 ? $"{what} was killed by signal {code - 128} (exit code {code})" : $"{what} exited with {code}", code);
    }
}
