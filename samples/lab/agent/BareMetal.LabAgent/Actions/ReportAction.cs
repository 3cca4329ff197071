namespace BareMetal.LabAgent.Actions;

/// <summary><c>report</c>: completes with the action's <c>message</c> (the last step of the lab's workflow, e.g. "installed").</summary>
public sealed class ReportAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "report";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Action.Message;
        return Task.FromResult(ActionResult.Success(string.IsNullOrEmpty(message) ? "reported" : message));
    }
}
