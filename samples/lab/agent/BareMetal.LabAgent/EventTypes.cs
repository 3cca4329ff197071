namespace BareMetal.LabAgent;

/// <summary>The event types the agent posts (the host ↔ agent contract).</summary>
public static class EventTypes
{
    /// <summary>The agent read its settings and reached the API.</summary>
    public const string AgentStarted = "agent-started";

    /// <summary>An action began.</summary>
    public const string ActionStarted = "action-started";

    /// <summary>An action is under way (bytes written so far).</summary>
    public const string ActionProgress = "action-progress";

    /// <summary>An action finished successfully; the host marks it completed.</summary>
    public const string ActionCompleted = "action-completed";

    /// <summary>An action failed; the host marks the machine failed with the message.</summary>
    public const string ActionFailed = "action-failed";

    /// <summary>Every action completed.</summary>
    public const string WorkflowCompleted = "workflow-completed";
}
