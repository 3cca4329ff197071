using System.Collections.Frozen;

namespace BareMetal.LabAgent.Actions;

/// <summary>
/// The actions this agent runs, by type name. <see cref="RunAsync"/> is the single entry point: it finds the action,
/// applies the host's timeout, and turns every way a run can end (an unknown type, a failure, an exception the action
/// did not catch, the timeout) into an <see cref="ActionResult"/>, so one bad action never crashes the agent.
/// </summary>
public sealed class ActionRegistry
{
    private readonly FrozenDictionary<string, IAgentAction> _actions;

    /// <summary>Creates a registry.</summary>
    /// <param name="actions">The actions; type names must be distinct.</param>
    public ActionRegistry(IEnumerable<IAgentAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var byType = new Dictionary<string, IAgentAction>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!byType.TryAdd(action.Type, action))
            {
                throw new ArgumentException($"two actions have the type name '{action.Type}'", nameof(actions));
            }
        }

        _actions = byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The type names, sorted.</summary>
    public IReadOnlyList<string> Types => [.. _actions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Runs the context's action.</summary>
    /// <param name="context">The action, its log and progress.</param>
    /// <param name="cancellationToken">The agent's own cancellation; when it fires the run is abandoned with <see cref="OperationCanceledException"/>.</param>
    /// <returns>How the action ended.</returns>
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Action.Type;
        if (type is null || !_actions.TryGetValue(type, out var action))
        {
            return ActionResult.Failure($"unknown action type '{type}': this agent runs {string.Join(", ", Types.Select(t => "'" + t + "'"))}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (context.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        try
        {
            return await action.RunAsync(context, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ActionResult.TimedOut($"{type} did not finish within its timeout of {context.Timeout!.Value.TotalSeconds:0} s and was stopped");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An action's unexpected exception is its failure, reported to the host; the agent goes on reporting.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ActionResult.Failure(HostApiClient.Describe(e));
        }
    }
}
