using System.Globalization;
using System.Text;

namespace DhcpLoadGen;

/// <summary>What one run measured, and its report: a human summary and one RESULT line for scripts.</summary>
internal sealed record LoadResult(
    LoadOptions Options,
    double WindowSeconds,
    double ElapsedSeconds,
    long Discovers,
    long Offers,
    long Requests,
    long Acks,
    long Naks,
    long Unmatched,
    long DiscoverTimeouts,
    long RequestTimeouts,
    long SendErrors,
    double CpuSeconds,
    LatencyHistogram OfferLatency,
    LatencyHistogram AckLatency,
    LatencyHistogram ExchangeLatency)
{
    /// <summary>Exchanges completed: 4-way (ACK) in broadcast and relay mode, 2-way (proxy OFFER) in proxy mode.</summary>
    public long Completed => Options.Mode == LoadMode.Proxy ? Offers : Acks;

    public double OfferedRate => Discovers / WindowSeconds;

    public double AchievedRate => Completed / ElapsedSeconds;

    /// <summary>As perfdhcp counts them: requests of each exchange that got no answer, over those sent.</summary>
    public double DiscoverDropPercent => Discovers == 0 ? 0 : 100.0 * (Discovers - Offers) / Discovers;

    public double RequestDropPercent => Requests == 0 ? 0 : 100.0 * (Requests - Acks - Naks) / Requests;

    public string WarmupSummary() =>
        string.Create(CultureInfo.InvariantCulture, $"{WindowSeconds} s, achieved {AchievedRate:F0}/s, drops {DiscoverDropPercent:F3}% / {RequestDropPercent:F3}%");

    public string Format()
    {
        var i = CultureInfo.InvariantCulture;
        var loop = Options.ClosedLoop ? $"closed loop, {Options.Outstanding} outstanding" : $"open loop at {Options.Rate.ToString(i)}/s";
        var kind = Options.Mode == LoadMode.Proxy ? "2-way proxy" : "4-way";
        var text = new StringBuilder();
        text.Append(i, $"mode {Options.Mode.ToString().ToLowerInvariant()}, {loop}, {WindowSeconds.ToString(i)} s, {Options.Clients} clients, run id {Options.RunId}\n");
        text.Append(i, $"sent: DISCOVER {Discovers}, REQUEST {Requests}; received: OFFER {Offers}, ACK {Acks}, NAK {Naks}, unmatched {Unmatched}; send errors {SendErrors}\n");
        text.Append(i, $"timeouts: DISCOVER {DiscoverTimeouts}, REQUEST {RequestTimeouts}\n");
        text.Append(i, $"offered {OfferedRate:F0}/s; achieved {AchievedRate:F0} {kind} exchanges/s over {ElapsedSeconds:F2} s; drops DISCOVER-OFFER {DiscoverDropPercent:F3}%, REQUEST-ACK {RequestDropPercent:F3}%\n");
        text.Append(i, $"latency us: DISCOVER-OFFER {OfferLatency.Summary()}; REQUEST-ACK {AckLatency.Summary()}; whole exchange {ExchangeLatency.Summary()}\n");
        text.Append(i, $"load generator CPU {CpuSeconds:F2} s ({100 * CpuSeconds / ElapsedSeconds:F0}% of one core)\n");
        text.Append(i, $"RESULT mode={Options.Mode.ToString().ToLowerInvariant()} offered={OfferedRate:F0} achieved={AchievedRate:F0} drop_do={DiscoverDropPercent:F3} drop_ra={RequestDropPercent:F3} ");
        text.Append(i, $"p50_us={ExchangeLatency.Percentile(0.5)} p99_us={ExchangeLatency.Percentile(0.99)} cpu_s={CpuSeconds:F2}");
        return text.ToString();
    }
}
