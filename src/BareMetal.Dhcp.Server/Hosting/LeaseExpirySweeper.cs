using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BareMetal.Dhcp.Server.Hosting;

/// <summary>
/// Runs the engine's expiry sweep every <see cref="DhcpServerOptions.LeaseSweepInterval"/>: batches of at most
/// <see cref="DhcpServerOptions.LeaseSweepBatch"/> leases under the engine's lock until none is left, then one flush of
/// the lease store outside it. Time comes from the registered <see cref="TimeProvider"/>.
/// </summary>
public sealed class LeaseExpirySweeper : BackgroundService
{
    private readonly DhcpServerEngine _engine;
    private readonly DhcpServerOptions _options;
    private readonly TimeProvider _time;
    private PeriodicTimer? _timer;

    /// <summary>Creates the sweeper for <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine whose leases are swept.</param>
    /// <param name="options">Interval and batch size.</param>
    /// <param name="time">The clock.</param>
    public LeaseExpirySweeper(DhcpServerEngine engine, IOptions<DhcpServerOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _engine = engine;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Sweeps once: every lease due at the clock's now, in batches; returns how many were handled.</summary>
    public int SweepNow()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var total = 0;
        int handled;
        do
        {
            handled = _engine.SweepExpired(now, _options.LeaseSweepBatch);
            total += handled;
        }
        while (handled == _options.LeaseSweepBatch);

        if (total > 0)
        {
            _engine.Flush();
        }

        return total;
    }

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The timer starts with the service, not whenever ExecuteAsync gets a thread (.NET 10 runs it on the pool):
        // the first sweep is one interval after start by the injected clock.
        if (_options.LeaseSweepInterval > TimeSpan.Zero)
        {
            _timer = new PeriodicTimer(_options.LeaseSweepInterval, _time);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer)
        {
            return;
        }

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            SweepNow();
        }
    }
}
