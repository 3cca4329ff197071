using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Images;

/// <summary>
/// The streaming client's hashing stage alone: SHA-256 (<see cref="IncrementalHash"/>, OpenSSL underneath, SHA-NI
/// where the CPU has it) over 64 MiB in 4 MiB blocks, as the hashing thread sees them. Throughput = 64 MiB / mean.
/// </summary>
[MemoryDiagnoser]
public class ImageHashBenchmark
{
    private const int Block = 4 * 1024 * 1024;
    private readonly byte[] _image = DiskLikeImage.Create(64 * 1024 * 1024);
    private readonly byte[] _digest = new byte[32];

    [Benchmark]
    public int Sha256FourMiBBlocks()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var offset = 0; offset < _image.Length; offset += Block)
        {
            hash.AppendData(_image, offset, Block);
        }

        return hash.GetHashAndReset(_digest);
    }
}
