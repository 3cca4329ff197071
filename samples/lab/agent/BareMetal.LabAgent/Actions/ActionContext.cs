using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BareMetal.LabAgent.Actions;

/// <summary>What one action run gets: the workflow action (type, index, typed parameters), its log and progress.</summary>
public sealed class ActionContext
{
    private static readonly IProgress<ActionProgress> NoProgress = new Progress<ActionProgress>();

    /// <summary>Creates a context.</summary>
    /// <param name="action">The action from the host's workflow.</param>
    /// <param name="log">The action's log.</param>
    /// <param name="progress">Receives progress snapshots (the runner turns them into throttled events), or null.</param>
    public ActionContext(WorkflowAction action, ActionLog log, IProgress<ActionProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(log);
        Action = action;
        Log = log;
        Progress = progress ?? NoProgress;
    }

    /// <summary>The action as the host sent it.</summary>
    public WorkflowAction Action { get; }

    /// <summary>The action's index in the machine's workflow (events name it).</summary>
    public int Index => Action.Index;

    /// <summary>The action's log.</summary>
    public ActionLog Log { get; }

    /// <summary>Where progress snapshots go.</summary>
    public IProgress<ActionProgress> Progress { get; }

    /// <summary>The action's timeout from the host (<c>timeout</c>, seconds), or null for none.</summary>
    public TimeSpan? Timeout => Action.Timeout is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>
    /// Reads the action's <c>parameters</c> object as <typeparamref name="T"/> with source-generated metadata (no
    /// reflection: the agent is Native AOT). Never throws on the host's JSON.
    /// </summary>
    /// <typeparam name="T">The action's parameter type.</typeparam>
    /// <param name="typeInfo">Its metadata from <see cref="ActionJsonContext"/>.</param>
    /// <param name="parameters">The parameters when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why they could not be read, naming the action and the fix.</param>
    /// <returns><see langword="true"/> when the parameters were present and well formed JSON for <typeparamref name="T"/>.</returns>
    public bool TryGetParameters<T>(JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? parameters, [NotNullWhen(false)] out string? error)
        where T : class
    {
        parameters = null;
        if (Action.Parameters is not { ValueKind: JsonValueKind.Object } json)
        {
            error = $"action {Index} ({Action.Type}): 'parameters' is missing or not a JSON object; see docs/agent.md for this action's parameters";
            return false;
        }

        try
        {
            parameters = json.Deserialize(typeInfo);
        }
        catch (JsonException e)
        {
            error = $"action {Index} ({Action.Type}): 'parameters' do not fit this action: {e.Message}";
            return false;
        }

        if (parameters is null)
        {
            error = $"action {Index} ({Action.Type}): 'parameters' is JSON null";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A failure result for a missing or invalid parameter, naming the action, the field and the fix.</summary>
    /// <param name="field">The parameter's JSON name.</param>
    /// <param name="problem">What is wrong and what to write instead.</param>
    /// <returns>The failed result.</returns>
    public ActionResult InvalidParameter(string field, string problem) =>
        ActionResult.Failure($"action {Index} ({Action.Type}): parameter '{field}' {problem}");
}
