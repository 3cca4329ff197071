using System.Text.Json;
using System.Text.Json.Serialization;
using BareMetal.LabAgent.Actions;

namespace BareMetal.LabAgent;

/// <summary>The body of <c>GET /api/v1/machines/{mac}/workflow</c>: the actions not yet completed.</summary>
public sealed class Workflow
{
    /// <summary>The machine's MAC.</summary>
    public string? Mac { get; set; }

    /// <summary>The machine's state on the host (for example <c>provisioning</c>, <c>installed</c>).</summary>
    public string? State { get; set; }

    /// <summary>The remaining actions, in the order they run.</summary>
    public IList<WorkflowAction> Actions { get; init; } = [];
}

/// <summary>One workflow action. Which properties are set depends on <see cref="Type"/>.</summary>
public sealed class WorkflowAction
{
    /// <summary>The action's index in the machine's whole workflow (events name it).</summary>
    public int Index { get; set; }

    /// <summary>The action type (<c>stream-image</c>, <c>report</c>, <c>partition</c>, ...: see <see cref="ActionRegistry"/>).</summary>
    public string? Type { get; set; }

    /// <summary>stream-image: the image's name under the host's images folder.</summary>
    public string? Image { get; set; }

    /// <summary>stream-image: where to download it from.</summary>
    public string? Url { get; set; }

    /// <summary>stream-image: the device or file to write (for example <c>/dev/vda</c>).</summary>
    public string? Target { get; set; }

    /// <summary>stream-image: hex SHA-256 of the bytes written (after decompression).</summary>
    public string? Sha256 { get; set; }

    /// <summary>report: the message to report.</summary>
    public string? Message { get; set; }

    /// <summary>The action's typed parameters as a JSON object (each action reads its own type; see docs/agent.md).</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Seconds the action may run before the agent stops it (reported as timed out); none when absent or 0.</summary>
    public int? Timeout { get; set; }
}

/// <summary>The body of <c>POST /api/v1/machines/{mac}/events</c>.</summary>
/// <param name="Type">agent-started, action-started, action-progress, action-completed, action-failed, workflow-completed.</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="Action">The action's index, for action events.</param>
public sealed record AgentEvent(
    string Type,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Action = null)
{
    /// <summary>action-completed / action-failed: how the action ended (succeeded, failed, timed-out).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ActionState? State { get; init; }

    /// <summary>action-completed / action-failed: the action's exit code (a command's own, 124 on timeout).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExitCode { get; init; }

    /// <summary>action-completed / action-failed: the last lines of the action's log.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ActionLogLine>? Log { get; init; }

    /// <summary>action-completed: the action's structured output (the facts action's hardware record).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Data { get; init; }
}

/// <summary>Source-generated JSON metadata: the agent is Native AOT, so no reflection-based serialization.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Workflow))]
[JsonSerializable(typeof(AgentEvent))]
internal sealed partial class AgentJsonContext : JsonSerializerContext
{
}
