using System.Diagnostics.Metrics;
using BareMetal.Dhcp.Server.Engine;

namespace BareMetal.Dhcp.Server.Observability;

/// <summary>
/// The server's instruments on the <c>BareMetal.Dhcp.Server</c> meter: packets received and replies sent by message
/// type, packets ignored by reason, processing latency and journal sync latency. Tag values are boxed once, up front,
/// so recording allocates nothing.
/// </summary>
public sealed class DhcpServerMetrics : IDisposable
{
    /// <summary>The meter's name, for OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "BareMetal.Dhcp.Server";

    private static readonly object[] MessageTypeTags = CreateTags<DhcpMessageType>(19, static i => ((DhcpMessageType)i).ToString().ToLowerInvariant());
    private static readonly object[] ReasonTags = CreateTags<DhcpIgnoreReason>(Enum.GetValues<DhcpIgnoreReason>().Length, static i => ((DhcpIgnoreReason)i).ToString());
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _ignored;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _journalSync;
    private readonly Counter<long> _reservationConflicts;
    private readonly Counter<long> _leasesExpired;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a private meter when it is <see langword="null"/>.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public DhcpServerMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("dhcp.server.packets.received", "{packet}", "DHCP packets received, by message type");
        _sent = _meter.CreateCounter<long>("dhcp.server.replies.sent", "{packet}", "DHCP replies sent, by message type");
        _ignored = _meter.CreateCounter<long>("dhcp.server.packets.ignored", "{packet}", "DHCP packets not answered, by reason");
        _duration = _meter.CreateHistogram<double>("dhcp.server.processing.duration", "s", "Time from a packet's arrival to its reply (or its dismissal)");
        _journalSync = _meter.CreateHistogram<double>("dhcp.server.journal.sync.duration", "s", "Time to force the lease journal to disk");
        _reservationConflicts = _meter.CreateCounter<long>("dhcp.server.reservation.conflicts", "{conflict}", "Requests of a reservation owner whose address another client held");
        _leasesExpired = _meter.CreateCounter<long>("dhcp.server.leases.expired", "{lease}", "Leases reclaimed by the expiry sweep");
    }

    internal void Received(DhcpMessageType type) => _received.Add(1, new KeyValuePair<string, object?>("message_type", Tag(MessageTypeTags, (int)type)));

    internal void Sent(DhcpMessageType type) => _sent.Add(1, new KeyValuePair<string, object?>("message_type", Tag(MessageTypeTags, (int)type)));

    internal void Ignored(DhcpIgnoreReason reason) => _ignored.Add(1, new KeyValuePair<string, object?>("reason", Tag(ReasonTags, (int)reason)));

    internal void RecordProcessing(double seconds) => _duration.Record(seconds);

    internal void RecordJournalSync(double seconds) => _journalSync.Record(seconds);

    internal void ReservationConflict() => _reservationConflicts.Add(1);

    internal void LeasesExpired(int count) => _leasesExpired.Add(count);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static object Tag(object[] tags, int index) => (uint)index < (uint)tags.Length ? tags[index] : tags[0];

    private static object[] CreateTags<T>(int count, Func<int, string> name)
    {
        var tags = new object[count];
        for (var i = 0; i < count; i++)
        {
            tags[i] = name(i);
        }

        return tags;
    }
}
