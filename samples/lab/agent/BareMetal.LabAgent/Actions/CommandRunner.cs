using System.ComponentModel;
using System.Diagnostics;

namespace BareMetal.LabAgent.Actions;

/// <summary>How a command ended.</summary>
/// <param name="ExitCode">Its exit code (128 + signal when killed by one), or null when it was stopped at the timeout.</param>
/// <param name="StartError">Why it could not start (no such file, not executable), or null.</param>
public sealed record CommandOutcome(int? ExitCode, string? StartError);

/// <summary>
/// Runs one process with its stdout and stderr read line by line into an <see cref="ActionLog"/>, and stops its whole
/// process tree at the timeout or on cancellation (<see cref="Process.Kill(bool)"/> walks /proc for descendants). Shared by
/// <c>exec</c> and <c>oci</c>.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs the command to its end or its timeout.</summary>
    /// <param name="start">File, arguments, environment and working directory (output redirection is set here).</param>
    /// <param name="log">Receives every output line.</param>
    /// <param name="timeout">How long it may run, or null for as long as <paramref name="cancellationToken"/> allows.</param>
    /// <param name="cancellationToken">Stops the command (its tree is killed) and then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Its exit code, or a null exit code when the timeout stopped it.</returns>
    public static async Task<CommandOutcome> RunAsync(ProcessStartInfo start, ActionLog log, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(log);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new CommandOutcome(null, $"cannot start '{start.FileName}': {e.Message}");
        }

        // No input: a command that reads stdin sees its end at once instead of waiting forever.
        process.StandardInput.Close();
        var stdout = PumpAsync(process.StandardOutput, LogSource.Stdout, log);
        var stderr = PumpAsync(process.StandardError, LogSource.Stderr, log);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
        {
            limit.CancelAfter(t);
        }

        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            KillTree(process, log);
        }

        // The pipes close when the last process holding them exits (after a kill, its descendants too).
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return timedOut ? new CommandOutcome(null, null) : new CommandOutcome(process.ExitCode, null);
    }

    private static void KillTree(Process process, ActionLog log)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            log.Info($"stopped process {process.Id} and its descendants (SIGKILL)");
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
        catch (Win32Exception e)
        {
            log.Info($"could not kill process {process.Id}: {e.Message}");
        }
    }

    private static async Task PumpAsync(StreamReader reader, LogSource source, ActionLog log)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            log.Write(source, line);
        }
    }
}
