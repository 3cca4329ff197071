using System.Diagnostics.Metrics;

namespace BareMetal.Images;

/// <summary>The image endpoints' instruments: body bytes sent, requests by status, active streams, rejections by reason.</summary>
internal sealed class ImageServerMetrics
{
    public ImageServerMetrics(Meter meter)
    {
        BytesSent = meter.CreateCounter<long>("baremetal.images.bytes_sent", "By", "File body bytes written to responses.");
        Requests = meter.CreateCounter<long>("baremetal.images.requests", "{request}", "Requests answered, tagged with http.response.status_code.");
        ActiveStreams = meter.CreateUpDownCounter<long>("baremetal.images.active_streams", "{stream}", "Responses currently streaming a body.");
        Rejected = meter.CreateCounter<long>("baremetal.images.rejected", "{request}", "Requests refused before a body was sent, tagged with reason.");
        DigestsComputed = meter.CreateCounter<long>("baremetal.images.digests_computed", "{digest}", "SHA-256 digests computed for Repr-Digest.");
    }

    public Counter<long> BytesSent { get; }

    public Counter<long> Requests { get; }

    public UpDownCounter<long> ActiveStreams { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> DigestsComputed { get; }
}
