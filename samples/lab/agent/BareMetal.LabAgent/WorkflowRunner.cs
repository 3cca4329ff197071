using System.Diagnostics;
using BareMetal.LabAgent.Actions;

namespace BareMetal.LabAgent;

/// <summary>Runs a machine's remaining workflow actions in order and reports each step to the host.</summary>
public sealed class WorkflowRunner
{
    /// <summary>Action type: stream an image to a disk.</summary>
    public const string StreamImage = StreamImageAction.TypeName;

    /// <summary>Action type: report a message (the last step of a workflow, e.g. "installed").</summary>
    public const string Report = ReportAction.TypeName;

    /// <summary>How many of an action's last log lines go with its completed/failed event.</summary>
    public const int LogLinesPerEvent = 50;

    private static readonly TimeSpan ProgressEventInterval = TimeSpan.FromSeconds(2);

    private readonly HostApiClient _api;
    private readonly ActionRegistry _actions;
    private readonly TextWriter _log;

    /// <summary>Creates a runner.</summary>
    /// <param name="api">The host API client.</param>
    /// <param name="actions">The actions this agent runs, by type.</param>
    /// <param name="log">Where progress lines go (the serial console).</param>
    public WorkflowRunner(HostApiClient api, ActionRegistry actions, TextWriter log)
    {
        _api = api;
        _actions = actions;
        _log = log;
    }

    /// <summary>Runs every action; stops at the first failure after reporting it.</summary>
    /// <param name="workflow">The workflow from the host.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns><see langword="true"/> when every action completed.</returns>
    public async Task<bool> RunAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        foreach (var action in workflow.Actions)
        {
            await PostAsync(new AgentEvent(EventTypes.ActionStarted, $"{action.Type} started", action.Index), cancellationToken).ConfigureAwait(false);
            var log = new ActionLog(_log);
            var progress = new ProgressEvents(this, action.Index, cancellationToken);
            var result = await _actions.RunAsync(new ActionContext(action, log, progress), cancellationToken).ConfigureAwait(false);
            await progress.DrainAsync().ConfigureAwait(false);
            var lines = log.Snapshot(LogLinesPerEvent);
            if (!result.Succeeded)
            {
                await _log.WriteLineAsync($"agent: action {action.Index} ({action.Type}) failed: {result.Message}").ConfigureAwait(false);
                await PostAsync(new AgentEvent(EventTypes.ActionFailed, result.Message, action.Index) { State = result.State, ExitCode = result.ExitCode, Log = lines }, cancellationToken).ConfigureAwait(false);
                return false;
            }

            await _log.WriteLineAsync($"agent: action {action.Index} ({action.Type}) completed: {result.Message}").ConfigureAwait(false);
            await PostAsync(new AgentEvent(EventTypes.ActionCompleted, result.Message, action.Index) { State = result.State, ExitCode = result.ExitCode, Log = lines, Data = result.Data }, cancellationToken).ConfigureAwait(false);
            if (result.AfterReport is { } end)
            {
                // reboot, poweroff, kexec: the host hears of the end first (the workflow's too, when this is its last action).
                if (ReferenceEquals(action, workflow.Actions[^1]))
                {
                    await PostAsync(new AgentEvent(EventTypes.WorkflowCompleted, $"{workflow.Actions.Count} action(s) completed"), cancellationToken).ConfigureAwait(false);
                }

                await _log.FlushAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    end();
                }
                catch (IOException e)
                {
                    await _log.WriteLineAsync($"agent: action {action.Index} ({action.Type}) failed: {e.Message}").ConfigureAwait(false);
                    await PostAsync(new AgentEvent(EventTypes.ActionFailed, e.Message, action.Index) { State = ActionState.Failed, ExitCode = 1 }, cancellationToken).ConfigureAwait(false);
                    return false;
                }

                return true;
            }
        }

        await PostAsync(new AgentEvent(EventTypes.WorkflowCompleted, $"{workflow.Actions.Count} action(s) completed"), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task PostAsync(AgentEvent agentEvent, CancellationToken cancellationToken) => _api.PostEventAsync(agentEvent, cancellationToken);

    // Turns an action's progress snapshots into at most one action-progress event every two seconds,
    // never more than one in flight, so a slow host never holds the action back.
    private sealed class ProgressEvents(WorkflowRunner runner, int index, CancellationToken cancellationToken) : IProgress<ActionProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private Task _pending = Task.CompletedTask;

        public void Report(ActionProgress value)
        {
            if (_sinceLast.Elapsed < ProgressEventInterval || !_pending.IsCompleted)
            {
                return;
            }

            _sinceLast.Restart();
            runner._log.WriteLine($"agent: {value.Message}");
            _pending = runner.PostAsync(new AgentEvent(EventTypes.ActionProgress, value.Message, index), cancellationToken);
        }

        public async Task DrainAsync()
        {
            try
            {
                await _pending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or HostApiException or TaskCanceledException)
            {
                // A lost progress event is not a failure of the action: the completion event follows.
                await runner._log.WriteLineAsync($"agent: a progress event was not delivered: {HostApiClient.Describe(ex)}").ConfigureAwait(false);
            }
        }
    }
}
