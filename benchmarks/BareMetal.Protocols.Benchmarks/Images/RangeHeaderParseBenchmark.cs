using BareMetal.Images;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Images;

/// <summary>
/// The per-request hot path of a ranged GET: parsing a <c>Range</c> field against the file length. A single
/// resume range (what the streaming client and curl -C send), a three-part multi-range, and a hostile list of
/// 100,000 ranges that the cap must cut off after 16 without reading the rest.
/// </summary>
[MemoryDiagnoser]
public class RangeHeaderParseBenchmark
{
    private const long Length = 1L << 30;
    private readonly ByteRange[] _ranges = new ByteRange[16];
    private readonly string _hostile = "bytes=" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"{i}-{i}"));

    [Benchmark(Baseline = true)]
    public int ResumeRange() => Parse("bytes=734003200-");

    [Benchmark]
    public int ThreeRanges() => Parse("bytes=0-511, 1048576-1049599, -4096");

    [Benchmark]
    public int HostileHundredThousand() => Parse(_hostile);

    private int Parse(string value) => (int)RangeHeaderParser.Parse(value, Length, 16, _ranges, out var count) + count;
}
