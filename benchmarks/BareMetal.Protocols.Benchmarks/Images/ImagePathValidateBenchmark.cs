using BareMetal.Images;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Images;

/// <summary>The per-request path confinement checks (raw target, then decoded path) for a typical kernel URL.</summary>
[MemoryDiagnoser]
public class ImagePathValidateBenchmark
{
    [Benchmark]
    public int KernelPath() =>
        (int)ImagePathValidator.CheckRaw("/images/debian/bookworm/vmlinuz-6.1.0-13-amd64")
        + (int)ImagePathValidator.CheckDecoded("debian/bookworm/vmlinuz-6.1.0-13-amd64", 1024, 255);
}
