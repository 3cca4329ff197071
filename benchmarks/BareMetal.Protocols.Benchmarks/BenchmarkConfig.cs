using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;

namespace BareMetal.Protocols.Benchmarks;

/// <summary>The configuration every benchmark class shares: allocations measured, ratios shown.</summary>
public static class BenchmarkConfig
{
    /// <summary>Default job plus <see cref="MemoryDiagnoser"/>, so every row reports bytes allocated.</summary>
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.P95)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
}
