namespace BareMetal.Images.Tests;

public class ReprDigestTests
{
    [Fact]
    public void FormatThenParse_RoundTrips()
    {
        var digest = System.Security.Cryptography.SHA256.HashData("hello"u8);
        var field = ReprDigest.FormatSha256(digest);
        Assert.Equal("sha-256=:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=:", field);
        Assert.Equal(digest, ReprDigest.TryParseSha256("sha-512=:AAAA:, " + field));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha-256=abc")]
    [InlineData("sha-256=:not base64!:")]
    [InlineData("sha-256=:AAAA:")]
    [InlineData("md5=:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=:")]
    public void TryParseSha256_Malformed_ReturnsNull(string? value) => Assert.Null(ReprDigest.TryParseSha256(value));
}

public class ImageContentTypesTests
{
    [Theory]
    [InlineData("debian.iso", "application/x-iso9660-image")]
    [InlineData("disk.img", "application/octet-stream")]
    [InlineData("disk.RAW", "application/octet-stream")]
    [InlineData("vm.qcow2", "application/x-qemu-disk")]
    [InlineData("disk.raw.gz", "application/gzip")]
    [InlineData("disk.raw.xz", "application/x-xz")]
    [InlineData("disk.raw.zst", "application/zstd")]
    [InlineData("debian/vmlinuz-6.1.0-13-amd64", "application/x-linux-kernel")]
    [InlineData("bzImage", "application/x-linux-kernel")]
    [InlineData("initrd.img-6.1.0", "application/x-initrd")]
    [InlineData("initramfs", "application/x-initrd")]
    [InlineData("snponly.efi", "application/efi")]
    [InlineData("unknown.bin", "application/octet-stream")]
    public void For_FileName_ReturnsMediaType(string name, string expected) => Assert.Equal(expected, ImageContentTypes.For(name));

    [Fact]
    public void For_Override_Wins() =>
        Assert.Equal("application/x-raw-disk-image", ImageContentTypes.For("disk.raw", new Dictionary<string, string> { [".raw"] = "application/x-raw-disk-image" }));
}

public class ImageOptionsValidationTests
{
    [Fact]
    public void ServerOptions_MissingRoot_NamesTheField()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ImageServerOptions { RootDirectory = "/nonexistent/bmim" }.Validate());
        Assert.Contains("RootDirectory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerOptions_TinyReadAheadBudget_NamesTheField()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ImageServerOptions { RootDirectory = "/tmp", ReadAheadBudget = 4096 }.Validate());
        Assert.Contains("ReadAheadBudget", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64L << 20, 0, 1 << 20)]            // no stream counted yet: as for one
    [InlineData(64L << 20, 1, 1 << 20)]            // one large download: 1 MiB steps
    [InlineData(64L << 20, 64, 1 << 20)]
    [InlineData(64L << 20, 65, 512 << 10)]         // just over: the share rounds down to a power of two
    [InlineData(64L << 20, 300, 128 << 10)]
    [InlineData(64L << 20, 1000, 64 << 10)]        // a boot storm: the floor
    [InlineData(64L << 20, 100_000, 64 << 10)]
    [InlineData(1L << 40, 3, 1 << 20)]             // a huge budget never exceeds the ceiling
    public void FileChunk_SharesTheBudgetInPowersOfTwo(long budget, int streams, int expected) =>
        Assert.Equal(expected, ImageRequestHandler.FileChunkFor(budget, streams));

    [Fact]
    public void ServerOptions_BadRangeCap_NamesTheField()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ImageServerOptions { RootDirectory = "/tmp", MaxRanges = 0 }.Validate());
        Assert.Contains("MaxRanges", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(4096 * 3)]
    public void ClientOptions_BadWriteBuffer_NamesTheField(int size)
    {
        var e = Assert.Throws<ImageStreamException>(() => new ImageStreamOptions { WriteBufferSize = size }.Validate());
        Assert.Equal(ImageStreamFailure.InvalidOptions, e.Failure);
        Assert.Contains("WriteBufferSize", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientOptions_BadDigest_NamesTheField()
    {
        var e = Assert.Throws<ImageStreamException>(() => new ImageStreamOptions { ExpectedSha256 = "xyz" }.Validate());
        Assert.Contains("ExpectedSha256", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64 * 1024, 32)]         // small blocks: capped
    [InlineData(256 * 1024, 32)]
    [InlineData(1024 * 1024, 8)]        // the default: 8 MiB in flight
    [InlineData(4 * 1024 * 1024, 4)]    // large blocks: never fewer than 4
    [InlineData(64 * 1024 * 1024, 4)]
    public void BlocksInFlight_AboutEightMiB(int blockSize, int expected) =>
        Assert.Equal(expected, ImageStreamClient.BlocksFor(blockSize));

    [Theory]
    [InlineData("http://h/disk.raw.gz", ImageDecompression.Gzip)]
    [InlineData("http://h/disk.raw.ZST", ImageDecompression.Zstd)]
    [InlineData("http://h/disk.raw", ImageDecompression.None)]
    [InlineData("http://h/disk.gz.raw?x=.zst", ImageDecompression.None)]
    public void Resolve_Auto_UsesTheUrlExtension(string url, ImageDecompression expected) =>
        Assert.Equal(expected, ImageStreamClient.Resolve(ImageDecompression.Auto, new Uri(url)));
}
