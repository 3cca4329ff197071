using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Observability;

namespace BareMetal.Dhcp.Server.Engine;

public sealed partial class DhcpServerEngine
{
    /// <summary>
    /// Reclaims up to <paramref name="max"/> leases whose time ran out, under the engine's lock (so a batch holds up
    /// packets for a bounded time): a bound lease not renewed before its end becomes <see cref="DhcpLeaseState.Expired"/>
    /// (journaled; reported once through <see cref="IDhcpServerObserver.OnLeaseExpired"/>, its client still preferred
    /// for the address), an offer that timed out or a quarantine that ended is forgotten. Call
    /// <see cref="Flush"/> afterwards (outside any lock) to make the reclaimed states durable.
    /// </summary>
    /// <param name="nowUnixMilliseconds">The sweep's clock.</param>
    /// <param name="max">The most leases handled in this call.</param>
    /// <returns>How many leases were handled; fewer than <paramref name="max"/> means none is left.</returns>
    public int SweepExpired(long nowUnixMilliseconds, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var expired = 0;
        int handled;
        lock (_gate)
        {
            var due = _leases.FindExpired(nowUnixMilliseconds, max);
            handled = due.Count;
            foreach (var lease in due)
            {
                if (lease.State == DhcpLeaseState.Bound)
                {
                    // RFC 2131 §4.4.5: past its end the client has no right to the address.
                    lease.State = DhcpLeaseState.Expired;
                    _leases.Save(lease, durable: true);
                    expired++;
                    NotifyExpired(lease);
                }
                else
                {
                    _leases.Remove(lease);
                }
            }
        }

        if (expired > 0)
        {
            _metrics.LeasesExpired(expired);
            Log.LeasesExpired(_logger, expired);
        }

        return handled;
    }

    private void NotifyExpired(DhcpLease lease)
    {
        if (_observers.Length == 0)
        {
            return;
        }

        // No request caused this: the event names no interface and no relay.
        var e = new DhcpLeaseEvent(lease.MacAddress, lease.Address, lease.State, DateTimeOffset.FromUnixTimeMilliseconds(lease.ExpiresAtUnixMilliseconds), "", null);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnLeaseExpired(e);
            }
            catch (Exception exception)
            {
                Log.ObserverFailed(_logger, exception, observer.GetType().Name, nameof(IDhcpServerObserver.OnLeaseExpired));
            }
        }
    }
}
