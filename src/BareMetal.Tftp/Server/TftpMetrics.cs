using System.Diagnostics.Metrics;

namespace BareMetal.Tftp;

/// <summary>
/// The package's instruments on the <c>BareMetal.Tftp</c> meter: transfers started, completed and failed
/// (by reason), requests refused (by reason), packets ignored (by reason), bytes, retransmissions and a
/// duration histogram. OpenTelemetry and Prometheus exporters pick them up by the meter name.
/// </summary>
public sealed class TftpMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "BareMetal.Tftp";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _ignored;
    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _retransmissions;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when given.</summary>
    /// <param name="meterFactory">The host's meter factory, or null for a private meter.</param>
    public TftpMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _started = _meter.CreateCounter<long>("tftp.transfers.started", "{transfer}", "Transfers accepted.");
        _completed = _meter.CreateCounter<long>("tftp.transfers.completed", "{transfer}", "Transfers that delivered the whole file.");
        _failed = _meter.CreateCounter<long>("tftp.transfers.failed", "{transfer}", "Transfers that ended early, by reason.");
        _refused = _meter.CreateCounter<long>("tftp.requests.refused", "{request}", "Requests answered with an ERROR or dropped, by reason.");
        _ignored = _meter.CreateCounter<long>("tftp.packets.ignored", "{packet}", "Packets ignored, by reason.");
        _bytesSent = _meter.CreateCounter<long>("tftp.bytes.sent", "By", "File bytes sent (first transmissions).");
        _bytesReceived = _meter.CreateCounter<long>("tftp.bytes.received", "By", "File bytes received.");
        _retransmissions = _meter.CreateCounter<long>("tftp.retransmissions", "{packet}", "Packets sent again after a timeout or rollback.");
        _duration = _meter.CreateHistogram<double>("tftp.transfer.duration", "s", "Duration of finished transfers.");
    }

    internal void Started(TftpTransferDirection direction) => _started.Add(1, new KeyValuePair<string, object?>("direction", direction == TftpTransferDirection.Read ? "read" : "write"));

    internal void Completed(TimeSpan duration)
    {
        _completed.Add(1);
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", "completed"));
    }

    internal void Failed(TftpFailureReason reason, TimeSpan duration)
    {
        _failed.Add(1, new KeyValuePair<string, object?>("reason", ReasonName(reason)));
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", "failed"));
    }

    internal void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Ignored(string reason) => _ignored.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void BytesSent(long bytes) => _bytesSent.Add(bytes);

    internal void BytesReceived(long bytes) => _bytesReceived.Add(bytes);

    internal void Retransmitted(long packets) => _retransmissions.Add(packets);

    /// <inheritdoc/>
    public void Dispose()
    {
        // A meter from the host's IMeterFactory belongs to the factory, which disposes it.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string ReasonName(TftpFailureReason reason) => reason switch
    {
        TftpFailureReason.Timeout => "timeout",
        TftpFailureReason.PeerError => "peer_error",
        TftpFailureReason.PeerUnreachable => "peer_unreachable",
        TftpFailureReason.TooLarge => "too_large",
        TftpFailureReason.FileError => "file_error",
        TftpFailureReason.Stopped => "stopped",
        _ => "none",
    };
}
