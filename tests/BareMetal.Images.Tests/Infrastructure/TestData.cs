using System.IO.Compression;
using System.Security.Cryptography;

namespace BareMetal.Images.Tests;

/// <summary>Deterministic pseudo-random image bytes and their compressed forms.</summary>
public static class TestData
{
    public static byte[] Bytes(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);

        // Make it compressible in parts, like a real disk image (runs of zeros between data).
        for (var i = 0; i < length; i += 8192)
        {
            data.AsSpan(i, Math.Min(2048, length - i)).Clear();
        }

        return data;
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>One zstd frame with the content checksum (XXH64, RFC 8878 §3.1.1) the zstd command writes by default.</summary>
    public static byte[] ZstdWithChecksum(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        return compressor.Wrap(data).ToArray();
    }

    /// <summary>One zstd frame without a content checksum (what ZstdSharp and <c>zstd --no-check</c> write).</summary>
    public static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(data).ToArray();
    }
}
