using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BareMetal.Redfish.Tests;

/// <summary>Keeps every formatted log line, so tests can assert what was (and was not) logged.</summary>
public sealed class CollectingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public string All => string.Join('\n', Lines);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
}
