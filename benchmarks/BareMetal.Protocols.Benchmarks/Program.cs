using BenchmarkDotNet.Running;

namespace BareMetal.Protocols.Benchmarks;

/// <summary>Entry point: pick benchmarks with the usual BenchmarkDotNet arguments (<c>--filter</c>, <c>--job short</c>).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line with the shared configuration.</summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
}
