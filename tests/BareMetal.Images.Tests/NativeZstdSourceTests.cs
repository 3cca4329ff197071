using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BareMetal.Images.Tests;

/// <summary>The libzstd decoder on its own: against the managed encoder's frames, odd read sizes, frame boundaries and bad input.</summary>
public sealed class NativeZstdSourceTests
{
    private static readonly byte[] Image = TestData.Bytes((3 * 1024 * 1024) + 777);

    [Fact]
    public void Library_IsAvailableOnDebian()
    {
        // CI and the lab run on Debian, where libzstd1 comes with dpkg itself (and with the zstd package the
        // tests install): the fast path must really be taken there, not silently replaced by the fallback.
        Assert.True(OperatingSystem.IsLinux() && ZstdNative.IsAvailable, $"{ZstdNative.LibraryName} did not load");
    }

    [Theory]
    [InlineData(1, 1_000_000)]
    [InlineData(4095, 7)]
    [InlineData(65536, 65536)]
    [InlineData(4 * 1024 * 1024, 300)]
    public void Read_AnyDestinationAndChunkSize_GivesTheImage(int destinationSize, int bodyChunk)
    {
        using var source = new NativeZstdSource(new TrickleStream(TestData.Zstd(Image), bodyChunk));
        Assert.Equal(Image, ReadAll(source, destinationSize));
    }

    [Fact]
    public void Read_ConcatenatedAndSkippableFrames_DecodeAsOneImage()
    {
        // RFC 8878 §3.1.2: a skippable frame is magic 0x184D2A5? (little-endian), a 4-byte size, then that many bytes.
        var skippable = new byte[8 + 5];
        BinaryPrimitives.WriteUInt32LittleEndian(skippable, 0x184D2A53);
        BinaryPrimitives.WriteUInt32LittleEndian(skippable.AsSpan(4), 5);
        var first = Image[..100_000];
        var second = Image[100_000..];
        byte[] body = [.. TestData.Zstd(first), .. skippable, .. TestData.Zstd(second)];
        using var source = new NativeZstdSource(new MemoryStream(body));
        Assert.Equal(Image, ReadAll(source, 1 << 20));
    }

    [Fact]
    public void Read_EmptyBody_IsAnEmptyImage()
    {
        using var source = new NativeZstdSource(new MemoryStream());
        Assert.Equal(0, source.Read(new byte[4096]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(100)]
    [InlineData(2)]
    public void Read_BodyCutInsideAFrame_ThrowsEndOfStream(int divisor)
    {
        var compressed = TestData.Zstd(Image);
        var cut = divisor == 1 ? compressed.Length - 1 : compressed.Length / divisor;
        using var source = new NativeZstdSource(new MemoryStream(compressed[..cut]));
        Assert.Throws<EndOfStreamException>(() => ReadAll(source, 1 << 20));
    }

    [Fact]
    public void Read_NotZstd_ThrowsInvalidDataWithLibzstdsReason()
    {
        using var source = new NativeZstdSource(new MemoryStream(TestData.Gzip(Image)));
        var e = Assert.Throws<InvalidDataException>(() => ReadAll(source, 1 << 20));
        Assert.StartsWith("libzstd: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptBytesInAChecksummedFrame_ThrowsInvalidData()
    {
        // RFC 8878 §3.1.1: with Content_Checksum_Flag the frame ends with the low 32 bits of XXH64 of the content,
        // which libzstd verifies, so flipped bytes anywhere in the content are always caught.
        using var compressor = new ZstdSharp.Compressor(3);
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        var compressed = compressor.Wrap(Image).ToArray();
        compressed[^4] ^= 0xFF;

        using var source = new NativeZstdSource(new MemoryStream(compressed));
        var e = Assert.Throws<InvalidDataException>(() => ReadAll(source, 1 << 20));
        Assert.Contains("checksum", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_AfterDispose_Throws()
    {
        var source = new NativeZstdSource(new MemoryStream(TestData.Zstd(Image)));
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.Read(new byte[16]));
    }

    [Property(MaxTest = 200)]
    public Property Read_ArbitraryBytes_DecodeOrFailWithADecodeError(byte[] body, PositiveInt destination)
    {
        // Untrusted input never escapes as anything but the two decode errors the client maps to DecompressionFailed.
        using var source = new NativeZstdSource(new MemoryStream(body));
        try
        {
            ReadAll(source, Math.Min(destination.Get, 1 << 16));
            return true.ToProperty();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return true.ToProperty();
        }
    }

    [Property(MaxTest = 50)]
    public Property Read_CompressedRandomImage_RoundTripsForAnyChunking(PositiveInt length, PositiveInt chunk, PositiveInt destination)
    {
        var image = TestData.Bytes(length.Get % 300_000, seed: length.Get);
        using var source = new NativeZstdSource(new TrickleStream(TestData.Zstd(image), (chunk.Get % 70_000) + 1));
        return ReadAll(source, (destination.Get % 200_000) + 1).AsSpan().SequenceEqual(image).ToProperty();
    }

    [Theory]
    [InlineData(4096, 2, 1)]
    [InlineData(4096, 4, 65536)]
    [InlineData(65536, 8, 300)]
    public void Read_PrefetchedChunks_GivesTheImage(int chunkSize, int chunkCount, int bodyChunk)
    {
        // libzstd reads the receiving thread's chunks in place (no copy into the pinned buffer).
        using var body = new PrefetchedBody(new TrickleStream(TestData.Zstd(Image), bodyChunk), chunkSize: chunkSize, chunkCount: chunkCount);
        using var source = new NativeZstdSource(body);
        Assert.Equal(Image, ReadAll(source, 1 << 20));
    }

    [Fact]
    public void Read_PrefetchedBodyCutInsideAFrame_ThrowsEndOfStream()
    {
        var compressed = TestData.Zstd(Image);
        using var body = new PrefetchedBody(new MemoryStream(compressed[..(compressed.Length / 2)]), chunkSize: 4096, chunkCount: 3);
        using var source = new NativeZstdSource(body);
        Assert.Throws<EndOfStreamException>(() => ReadAll(source, 1 << 16));
    }

    [Property(MaxTest = 30)]
    public Property Read_PrefetchedRandomImage_RoundTripsForAnyChunking(PositiveInt length, PositiveInt chunk, PositiveInt prefetch)
    {
        var image = TestData.Bytes(length.Get % 300_000, seed: length.Get);
        using var body = new PrefetchedBody(new TrickleStream(TestData.Zstd(image), (chunk.Get % 70_000) + 1), chunkSize: (prefetch.Get % 16 * 4096) + 4096, chunkCount: 2 + (prefetch.Get % 5));
        using var source = new NativeZstdSource(body);
        return ReadAll(source, 1 << 17).AsSpan().SequenceEqual(image).ToProperty();
    }

    private static byte[] ReadAll(ImageByteSource source, int destinationSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[destinationSize];
        for (var guard = 0; guard < 50_000_000; guard++)
        {
            var n = source.Read(buffer);
            if (n == 0)
            {
                return output.ToArray();
            }

            // Only the last read may come back short: the client relies on it to keep writes block-aligned.
            output.Write(buffer, 0, n);
            if (n < buffer.Length)
            {
                Assert.Equal(0, source.Read(buffer));
                return output.ToArray();
            }
        }

        throw new InvalidOperationException("the decoder never reached the end");
    }

    /// <summary>A body that arrives in small pieces, as a socket delivers it.</summary>
    internal sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
