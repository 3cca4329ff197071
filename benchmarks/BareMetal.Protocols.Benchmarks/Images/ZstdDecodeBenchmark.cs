using BareMetal.Images;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Images;

/// <summary>
/// The streaming client's decompression stage alone: a 64 MiB disk-like image (zstd level 3) decoded into 4 MiB
/// blocks, as the decoding thread does, by libzstd through <see cref="NativeZstdSource"/> and by the managed
/// ZstdSharp <c>DecompressionStream</c> the client falls back to. Throughput = 64 MiB / mean.
/// </summary>
[MemoryDiagnoser]
public class ZstdDecodeBenchmark
{
    private const int Block = 4 * 1024 * 1024;
    private readonly byte[] _block = new byte[Block];
    private byte[] _compressed = [];

    [GlobalSetup]
    public void Setup()
    {
        using var compressor = new ZstdSharp.Compressor(3);
        _compressed = compressor.Wrap(DiskLikeImage.Create(64 * 1024 * 1024)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public long Native()
    {
        using var source = new NativeZstdSource(new MemoryStream(_compressed));
        return Drain(source.Read);
    }

    [Benchmark]
    public long Managed()
    {
        using var source = new ZstdSharp.DecompressionStream(new MemoryStream(_compressed), bufferSize: 256 * 1024, checkEndOfStream: true);
        return Drain(span => source.ReadAtLeast(span, span.Length, throwOnEndOfStream: false));
    }

    private long Drain(SpanReader read)
    {
        long total = 0;
        int n;
        while ((n = read(_block)) > 0)
        {
            total += n;
        }

        return total;
    }

    private delegate int SpanReader(Span<byte> destination);
}
