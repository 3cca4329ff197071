using System.Diagnostics;
using System.Globalization;
using BareMetal.Images;

namespace BareMetal.LabAgent;

/// <summary>Runs a machine's remaining workflow actions in order and reports each step to the host.</summary>
public sealed class WorkflowRunner
{
    /// <summary>Action type: stream an image to a disk.</summary>
    public const string StreamImage = "stream-image";

    /// <summary>Action type: report a message (the last step of a workflow, e.g. "installed").</summary>
    public const string Report = "report";

    private static readonly TimeSpan ProgressEventInterval = TimeSpan.FromSeconds(2);

    private readonly HostApiClient api;
    private readonly ImageStreamClient images;
    private readonly TextWriter log;

    /// <summary>Creates a runner.</summary>
    /// <param name="api">The host API client.</param>
    /// <param name="images">The streaming image client.</param>
    /// <param name="log">Where progress lines go (the serial console).</param>
    public WorkflowRunner(HostApiClient api, ImageStreamClient images, TextWriter log)
    {
        this.api = api;
        this.images = images;
        this.log = log;
    }

    /// <summary>Runs every action; stops at the first failure after reporting it.</summary>
    /// <param name="workflow">The workflow from the host.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns><see langword="true"/> when every action completed.</returns>
    public async Task<bool> RunAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        foreach (var action in workflow.Actions)
        {
            await PostAsync(new AgentEvent(EventTypes.ActionStarted, $"{action.Type} started", action.Index), cancellationToken).ConfigureAwait(false);
            string message;
            try
            {
                message = action.Type switch
                {
                    StreamImage => await StreamImageAsync(action, cancellationToken).ConfigureAwait(false),
                    Report => string.IsNullOrEmpty(action.Message) ? "reported" : action.Message,
                    _ => throw new NotSupportedException($"unknown action type '{action.Type}': this agent runs '{StreamImage}' and '{Report}'"),
                };
            }
            catch (Exception ex) when (ex is ImageStreamException or NotSupportedException or ArgumentException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                var reason = HostApiClient.Describe(ex);
                await log.WriteLineAsync($"agent: action {action.Index} ({action.Type}) failed: {reason}").ConfigureAwait(false);
                await PostAsync(new AgentEvent(EventTypes.ActionFailed, reason, action.Index), cancellationToken).ConfigureAwait(false);
                return false;
            }

            await log.WriteLineAsync($"agent: action {action.Index} ({action.Type}) completed: {message}").ConfigureAwait(false);
            await PostAsync(new AgentEvent(EventTypes.ActionCompleted, message, action.Index), cancellationToken).ConfigureAwait(false);
        }

        await PostAsync(new AgentEvent(EventTypes.WorkflowCompleted, $"{workflow.Actions.Count} action(s) completed"), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> StreamImageAsync(WorkflowAction action, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(action.Url) || !Uri.TryCreate(action.Url, UriKind.Absolute, out var source))
        {
            throw new ArgumentException($"action {action.Index}: 'url' is missing or not an absolute URL ('{action.Url}')");
        }

        if (string.IsNullOrEmpty(action.Target))
        {
            throw new ArgumentException($"action {action.Index}: 'target' is missing; name the disk, e.g. /dev/vda");
        }

        var options = new ImageStreamOptions { ExpectedSha256 = string.IsNullOrEmpty(action.Sha256) ? null : action.Sha256 };
        await log.WriteLineAsync($"agent: streaming {source} to {action.Target}").ConfigureAwait(false);
        var progress = new ProgressEvents(this, action.Index, cancellationToken);
        var result = await images.StreamToFileAsync(source, action.Target, options, progress, cancellationToken).ConfigureAwait(false);
        await progress.DrainAsync().ConfigureAwait(false);
        var seconds = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return $"{result.BytesWritten} bytes written to {action.Target} in {seconds} s, sha256 {result.Sha256}";
    }

    private Task PostAsync(AgentEvent agentEvent, CancellationToken cancellationToken) => api.PostEventAsync(agentEvent, cancellationToken);

    // Turns ImageStreamClient progress callbacks into at most one action-progress event every two seconds,
    // never more than one in flight, so a slow host never holds the stream back.
    private sealed class ProgressEvents(WorkflowRunner runner, int index, CancellationToken cancellationToken) : IProgress<ImageStreamProgress>
    {
        private readonly Stopwatch sinceLast = Stopwatch.StartNew();
        private Task pending = Task.CompletedTask;

        public void Report(ImageStreamProgress value)
        {
            if (sinceLast.Elapsed < ProgressEventInterval || !pending.IsCompleted)
            {
                return;
            }

            sinceLast.Restart();
            var total = value.TotalBytes is { } t ? $" of {t} received" : string.Empty;
            var message = $"{value.BytesWritten} bytes written{total}";
            runner.log.WriteLine($"agent: {message}");
            pending = runner.PostAsync(new AgentEvent(EventTypes.ActionProgress, message, index), cancellationToken);
        }

        public async Task DrainAsync()
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or HostApiException or TaskCanceledException)
            {
                // A lost progress event is not a failure of the action: the completion event follows.
                await runner.log.WriteLineAsync($"agent: a progress event was not delivered: {HostApiClient.Describe(ex)}").ConfigureAwait(false);
            }
        }
    }
}
