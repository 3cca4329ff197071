using System.Text.Json.Serialization;

namespace BareMetal.LabAgent.Actions;

/// <summary>Which stream a log line came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LogSource>))]
public enum LogSource
{
    /// <summary>The agent's own line about the action (what it is doing, which device).</summary>
    [JsonStringEnumMemberName("agent")]
    Agent,

    /// <summary>A command's standard output.</summary>
    [JsonStringEnumMemberName("stdout")]
    Stdout,

    /// <summary>A command's standard error.</summary>
    [JsonStringEnumMemberName("stderr")]
    Stderr,
}

/// <summary>One line of an action's log.</summary>
/// <param name="Time">When the line was complete.</param>
/// <param name="Stream">Where it came from.</param>
/// <param name="Text">The line, without its newline, cut at <see cref="ActionLog.MaxLineLength"/> characters.</param>
public sealed record ActionLogLine(DateTimeOffset Time, LogSource Stream, string Text);

/// <summary>
/// An action's log: the last <see cref="Capacity"/> lines with their stream and time (older lines are counted in
/// <see cref="Dropped"/>, never kept), so a command that prints without end cannot exhaust the in-memory OS.
/// Every line is also echoed to the console (the serial port), as the agent's other lines are. Thread-safe: a
/// command's stdout and stderr are read on two threads.
/// </summary>
public sealed class ActionLog
{
    /// <summary>Characters kept of one line; the rest is replaced by "…".</summary>
    public const int MaxLineLength = 4096;

    private readonly Queue<ActionLogLine> _lines = new();
    private readonly TextWriter? _echo;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _dropped;

    /// <summary>Creates a log.</summary>
    /// <param name="echo">Where each line is also written (the console), or null.</param>
    /// <param name="capacity">How many of the latest lines are kept.</param>
    /// <param name="time">The clock (tests pass a fake one).</param>
    public ActionLog(TextWriter? echo = null, int capacity = 1000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _echo = echo;
        Capacity = capacity;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many of the latest lines are kept.</summary>
    public int Capacity { get; }

    /// <summary>How many older lines were dropped to stay within <see cref="Capacity"/>.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Adds an agent line.</summary>
    /// <param name="text">The line.</param>
    public void Info(string text) => Write(LogSource.Agent, text);

    /// <summary>Adds a line.</summary>
    /// <param name="stream">Where it came from.</param>
    /// <param name="text">The line (a trailing carriage return is removed; long lines are cut).</param>
    public void Write(LogSource stream, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimEnd('\r');
        if (text.Length > MaxLineLength)
        {
            text = string.Concat(text.AsSpan(0, MaxLineLength), "…");
        }

        var line = new ActionLogLine(_time.GetUtcNow(), stream, text);
        lock (_gate)
        {
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }

            _lines.Enqueue(line);
            _echo?.WriteLine(stream == LogSource.Agent ? "agent: " + text : $"agent: [{(stream == LogSource.Stdout ? "stdout" : "stderr")}] {text}");
        }
    }

    /// <summary>A copy of the kept lines, oldest first.</summary>
    /// <param name="last">At most this many of the latest lines.</param>
    /// <returns>The lines.</returns>
    public IReadOnlyList<ActionLogLine> Snapshot(int last = int.MaxValue)
    {
        lock (_gate)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - last)).ToArray();
        }
    }
}
