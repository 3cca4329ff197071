namespace BareMetal.LabAgent.Actions;

/// <summary>
/// One kind of step the agent can run (<c>stream-image</c>, <c>partition</c>, <c>exec</c>, ...). The agent is thin:
/// the host decides what runs, with which parameters, timeout and retries; an action only does its job and says how
/// it ended. An action returns a failed <see cref="ActionResult"/> for anything it can explain (bad parameters, a
/// device that refuses); an exception it does not catch is turned into a failed result by <see cref="ActionRegistry"/>.
/// </summary>
public interface IAgentAction
{
    /// <summary>The action type name in the workflow (the <c>type</c> field), e.g. <c>partition</c>.</summary>
    string Type { get; }

    /// <summary>Runs the action once.</summary>
    /// <param name="context">Its parameters, log and progress reporter.</param>
    /// <param name="cancellationToken">Cancelled at the action's timeout or when the agent stops.</param>
    /// <returns>How the action ended.</returns>
    Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken);
}
