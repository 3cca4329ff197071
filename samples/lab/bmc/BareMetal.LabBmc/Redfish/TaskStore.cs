using System.Collections.Concurrent;
using System.Globalization;

namespace BareMetal.LabBmc.Redfish;

/// <summary>Long operations behind task monitors (DSP0266 §12.2): each runs in the background and records how it ended.</summary>
public sealed class TaskStore(ILogger<TaskStore> logger)
{
    private readonly ConcurrentDictionary<string, BmcTask> _tasks = new();
    private int _next;

    public sealed class BmcTask(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string State { get; set; } = "Running";

        public string? Message { get; set; }

        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    }

    /// <summary>Starts <paramref name="work"/>; it returns null on success or the failure's message.</summary>
    public BmcTask Start(string name, Func<CancellationToken, Task<string?>> work)
    {
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var task = new BmcTask(id, name);
        _tasks[id] = task;
        _ = Task.Run(async () =>
        {
            try
            {
                var failure = await work(CancellationToken.None);
                task.Message = failure ?? $"{name} completed";
                task.State = failure is null ? "Completed" : "Exception";
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                task.Message = exception.Message;
                task.State = "Exception";
            }

            BmcLog.TaskEnded(logger, id, name, task.State, task.Message);
        });
        return task;
    }

    public BmcTask? Find(string id) => _tasks.GetValueOrDefault(id);

    public IEnumerable<BmcTask> All => _tasks.Values;
}
