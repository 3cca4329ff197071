using System.Diagnostics;
using System.Globalization;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>exec</c> parameters.</summary>
public sealed class ExecParameters
{
    /// <summary>
    /// The program: an absolute path, a name looked up in the agent's PATH (e.g. <c>/bin/sh</c>, <c>mkfs.ext4</c>), or an
    /// http(s) URL of a binary or script under the host's images, downloaded to the in-memory /tmp and made executable.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>Hex SHA-256 a downloaded <see cref="Command"/> must have (recommended: the agent runs it as root).</summary>
    public string? Sha256 { get; set; }

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
/// <c>exec</c>: runs a command from the initramfs, or a binary fetched from the host's images, with arguments,
/// environment, working directory and timeout; stdout and stderr lines go to the action log; exit code 0 is success.
/// </summary>
public sealed class ExecAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "exec";

    private readonly HttpClient? _http;

    /// <summary>Creates the action.</summary>
    /// <param name="http">Downloads commands given as URLs (null: URLs are refused).</param>
    public ExecAction(HttpClient? http = null) => _http = http;

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

        var program = p.Command;
        if (program.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || program.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var (path, downloadError) = await DownloadAsync(context, program, p.Sha256, cancellationToken).ConfigureAwait(false);
            if (path is null)
            {
                return ActionResult.Failure(downloadError!);
            }

            program = path;
        }

        var start = new ProcessStartInfo(program, p.Args) { WorkingDirectory = p.WorkingDirectory ?? string.Empty };
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
        try
        {
            var outcome = await CommandRunner.RunAsync(start, context.Log, timeout, cancellationToken).ConfigureAwait(false);
            return Describe(p.Command, outcome, timeout);
        }
        finally
        {
            if (!ReferenceEquals(program, p.Command))
            {
                // A downloaded command lives in the in-memory /tmp: give its memory back.
                File.Delete(program);
            }
        }
    }

    private async Task<(string? Path, string? Error)> DownloadAsync(ActionContext context, string url, string? sha256, CancellationToken cancellationToken)
    {
        if (_http is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return (null, $"action {context.Index} (exec): parameter 'command' is the URL '{url}', which this agent cannot fetch");
        }

        byte[] bytes;
        try
        {
            bytes = await _http.GetByteArrayAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return (null, $"action {context.Index} (exec): GET {uri} failed: {HostApiClient.Describe(e)}");
        }

        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (sha256 is not null && !string.Equals(sha256, actual, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"action {context.Index} (exec): {uri} has SHA-256 {actual}, not the expected {sha256.ToLowerInvariant()}; not run");
        }

        var path = Path.Combine(Path.GetTempPath(), $"baremetal-exec-{context.Index}-{Path.GetFileName(uri.AbsolutePath)}");
        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        context.Log.Info($"downloaded {uri} ({bytes.Length} bytes, sha256 {actual}) to {path}");
        return (path, null);
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
