using System.Diagnostics.Metrics;

namespace BareMetal.Images.Tests;

/// <summary>
/// One image server's own instruments (its meter comes from that host's <see cref="IMeterFactory"/>, so servers of
/// tests running at the same time do not mix), read through a <see cref="MeterListener"/>: a test waits for what
/// the server reports, such as "a response is streaming", instead of sleeping until it probably is.
/// </summary>
internal sealed class ServerInstruments : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = [];
    private readonly List<(string Instrument, long Target, TaskCompletionSource Reached)> _waiters = [];

    public ServerInstruments(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == ImagesDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
    }

    /// <summary>Completes once the sum of <paramref name="instrument"/>'s measurements reaches <paramref name="target"/>.</summary>
    public Task WhenAtLeastAsync(string instrument, long target)
    {
        lock (_totals)
        {
            if (_totals.GetValueOrDefault(instrument) >= target)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((instrument, target, reached));
            return reached.Task.WaitAsync(Patience);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, long value)
    {
        lock (_totals)
        {
            var total = _totals[instrument] = _totals.GetValueOrDefault(instrument) + value;
            _waiters.RemoveAll(w =>
            {
                if (w.Instrument != instrument || total < w.Target)
                {
                    return false;
                }

                w.Reached.TrySetResult();
                return true;
            });
        }
    }
}
