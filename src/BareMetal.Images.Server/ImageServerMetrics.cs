using System.Diagnostics.Metrics;

namespace BareMetal.Images;

/// <summary>
/// The image endpoints' instruments on the <c>BareMetal.Images</c> meter: body bytes sent, requests by status, active
/// streams, rejections by reason. The meter comes from the host's <see cref="IMeterFactory"/>; only without one does
/// this own a private meter, disposed with it (the container disposes singletons).
/// </summary>
internal sealed class ImageServerMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public ImageServerMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(ImagesDiagnostics.MeterName) ?? new Meter(ImagesDiagnostics.MeterName);
        BytesSent = _meter.CreateCounter<long>("baremetal.images.bytes_sent", "By", "File body bytes written to responses.");
        Requests = _meter.CreateCounter<long>("baremetal.images.requests", "{request}", "Requests answered, tagged with http.response.status_code.");
        ActiveStreams = _meter.CreateUpDownCounter<long>("baremetal.images.active_streams", "{stream}", "Responses currently streaming a body.");
        Rejected = _meter.CreateCounter<long>("baremetal.images.rejected", "{request}", "Requests refused before a body was sent, tagged with reason.");
        DigestsComputed = _meter.CreateCounter<long>("baremetal.images.digests_computed", "{digest}", "SHA-256 digests computed for Repr-Digest.");
    }

    public Counter<long> BytesSent { get; }

    public Counter<long> Requests { get; }

    public UpDownCounter<long> ActiveStreams { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> DigestsComputed { get; }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
