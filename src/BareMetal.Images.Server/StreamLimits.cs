using System.Net;

namespace BareMetal.Images;

/// <summary>Admission (concurrent streams, global and per client) and bandwidth buckets for the image endpoints.</summary>
internal sealed class StreamLimits
{
    private readonly ImageServerOptions _options;
    private readonly Dictionary<IPAddress, ClientState> _clients = [];
    private readonly Lock _lock = new();
    private int _active;

    public StreamLimits(ImageServerOptions options)
    {
        _options = options;
        Global = options.MaxBytesPerSecond > 0 ? new BandwidthLimiter(options.MaxBytesPerSecond) : null;
    }

    public BandwidthLimiter? Global { get; }

    /// <summary>Streams admitted and not yet finished.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Admits one stream for a client, or says which limit refused it.</summary>
    public Admission TryEnter(IPAddress client, out Lease lease)
    {
        lease = default;
        lock (_lock)
        {
            if (_options.MaxConcurrentStreams > 0 && _active >= _options.MaxConcurrentStreams)
            {
                return Admission.GlobalLimit;
            }

            if (!_clients.TryGetValue(client, out var state))
            {
                state = new ClientState(_options.MaxBytesPerSecondPerClient > 0 ? new BandwidthLimiter(_options.MaxBytesPerSecondPerClient) : null);
                _clients[client] = state;
            }

            if (_options.MaxStreamsPerClient > 0 && state.Streams >= _options.MaxStreamsPerClient)
            {
                return Admission.ClientLimit;
            }

            state.Streams++;
            _active++;
            lease = new Lease(this, client, state.Bandwidth);
            return Admission.Admitted;
        }
    }

    private void Exit(IPAddress client)
    {
        lock (_lock)
        {
            _active--;
            if (_clients.TryGetValue(client, out var state) && --state.Streams <= 0)
            {
                _clients.Remove(client);
            }
        }
    }

    /// <summary>Outcome of <see cref="TryEnter"/>.</summary>
    public enum Admission
    {
        Admitted,
        GlobalLimit,
        ClientLimit,
    }

    /// <summary>One admitted stream; dispose to leave.</summary>
    public readonly struct Lease(StreamLimits owner, IPAddress client, BandwidthLimiter? clientBandwidth) : IDisposable
    {
        public BandwidthLimiter? ClientBandwidth { get; } = clientBandwidth;

        public BandwidthLimiter? GlobalBandwidth => owner?.Global;

        public async ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
        {
            if (GlobalBandwidth is { } global)
            {
                await global.WaitAsync(bytes, cancellationToken).ConfigureAwait(false);
            }

            if (ClientBandwidth is { } perClient)
            {
                await perClient.WaitAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        public void Dispose() => owner?.Exit(client);
    }

    private sealed class ClientState(BandwidthLimiter? bandwidth)
    {
        public BandwidthLimiter? Bandwidth { get; } = bandwidth;

        public int Streams { get; set; }
    }
}
