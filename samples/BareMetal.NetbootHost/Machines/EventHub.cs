using System.Threading.Channels;

namespace BareMetal.NetbootHost.Machines;

/// <summary>
/// Fans recorded events out to live subscribers (the server-sent events feed of the live page). A slow
/// subscriber loses its oldest events rather than slowing the servers that record them.
/// </summary>
internal sealed class EventHub
{
    private readonly Lock _gate = new();
    private readonly List<Channel<MachineEvent>> _subscribers = [];

    public void Publish(MachineEvent machineEvent)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(machineEvent);
            }
        }
    }

    /// <summary>Yields every event published after the call until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<MachineEvent> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<MachineEvent>(new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
