namespace BareMetal.Redfish;

/// <summary>How a long operation followed through a task monitor ended.</summary>
/// <param name="StatusCode">The final HTTP status (200 or 204 once done; 202 is never final).</param>
/// <param name="TaskState">The task's <c>TaskState</c> when the monitor answered with a Task resource (<c>Completed</c>).</param>
/// <param name="Messages">The task's messages, when given.</param>
public sealed record RedfishCompletion(int StatusCode, string? TaskState, IReadOnlyList<RedfishMessage> Messages);
