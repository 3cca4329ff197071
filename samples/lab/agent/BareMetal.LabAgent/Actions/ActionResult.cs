using System.Text.Json;
using System.Text.Json.Serialization;

namespace BareMetal.LabAgent.Actions;

/// <summary>How an action ended, as reported to the host.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionState>))]
public enum ActionState
{
    /// <summary>The action did its job (exit code 0).</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>The action failed (bad parameters, a command's non-zero exit code, an I/O error).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The action's timeout expired; whatever it started was stopped.</summary>
    [JsonStringEnumMemberName("timed-out")]
    TimedOut,
}

/// <summary>The outcome of one action run.</summary>
/// <param name="State">Succeeded, failed or timed out.</param>
/// <param name="ExitCode">0 on success; a command's exit code for <c>exec</c>/<c>oci</c>; 1 for other failures, 124 for a timeout (as timeout(1)).</param>
/// <param name="Message">One line for the timeline: what was done, or why it failed and how to fix it.</param>
public sealed record ActionResult(ActionState State, int ExitCode, string Message)
{
    /// <summary>The exit code of a timed-out action, as GNU timeout(1) and busybox timeout use.</summary>
    public const int TimeoutExitCode = 124;

    /// <summary>Structured output for the host (the <c>facts</c> action's record), or null.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>
    /// A step the runner runs after it has reported this result (and the workflow's end, when this is the last action):
    /// the power actions end the OS there, so the host hears of the success before the machine goes away. It returns
    /// only by throwing, when the kernel refused.
    /// </summary>
    public Action? AfterReport { get; init; }

    /// <summary>Whether the action succeeded.</summary>
    public bool Succeeded => State == ActionState.Succeeded;

    /// <summary>A success.</summary>
    /// <param name="message">What was done.</param>
    /// <returns>The result.</returns>
    public static ActionResult Success(string message) => new(ActionState.Succeeded, 0, message);

    /// <summary>A failure.</summary>
    /// <param name="message">Why, and how to fix it.</param>
    /// <param name="exitCode">The exit code (1 unless a command said otherwise).</param>
    /// <returns>The result.</returns>
    public static ActionResult Failure(string message, int exitCode = 1) => new(ActionState.Failed, exitCode == 0 ? 1 : exitCode, message);

    /// <summary>A timeout.</summary>
    /// <param name="message">What was stopped.</param>
    /// <returns>The result.</returns>
    public static ActionResult TimedOut(string message) => new(ActionState.TimedOut, TimeoutExitCode, message);
}
