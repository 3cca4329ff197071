using System.Diagnostics;
using System.Net;

namespace BareMetal.Images.Tests;

/// <summary>
/// xz images (XZ Utils' format) compressed by the real <c>xz</c> tool (Debian's xz-utils) and decompressed by the
/// client through the system's liblzma: SHA-256 verified, resumed across dropped connections, truncation detected.
/// </summary>
public sealed class XzStreamTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Image = TestData.Bytes((5 * 1024 * 1024) + 999, seed: 7);
    private static readonly string ImageSha = TestData.Sha256Hex(Image);
    private readonly HttpClient _http = new();
    private readonly TempDirectory _targets = new();
    // Compressed once for the class (xunit makes an instance per test).
    private static readonly Lazy<byte[]> Compressed = new(() => Xz(Image, "-1"));

    // Two .xz streams back to back (what `cat a.xz b.xz` makes), the second one with SHA-256 block checks.
    private static readonly Lazy<byte[]> TwoStreams = new(() => [.. Xz(Image[..1_000_000], "-1"), .. Xz(Image[1_000_000..], "-1", "--check=sha256")]);
    private readonly byte[] _xz = Compressed.Value;
    private ImageServerHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ImageServerHost.StartAsync(populate: root =>
        {
            File.WriteAllBytes(root.File("disk.raw.xz"), _xz);
            File.WriteAllBytes(root.File("two-streams.raw.xz"), TwoStreams.Value);
            File.WriteAllBytes(root.File("truncated.raw.xz"), _xz[..(_xz.Length - 100)]);
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _targets.Dispose();
    }

    private static ImageStreamOptions Options(string? sha = null) => new()
    {
        ExpectedSha256 = sha ?? ImageSha,
        ResumeDelay = TimeSpan.FromMilliseconds(20),
        WriteBufferSize = 1024 * 1024,
    };

    [Fact]
    public void Library_IsAvailableOnDebian() =>
        Assert.True(OperatingSystem.IsLinux() && LzmaNative.IsAvailable, $"{LzmaNative.LibraryName} did not load (Debian package liblzma5)");

    [Theory]
    [InlineData("disk.raw.xz")]
    [InlineData("two-streams.raw.xz")]
    public async Task Stream_Xz_AutoDetectedAndVerified(string name)
    {
        var target = _targets.File(name + ".out");
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url(name), target, Options());
        Assert.Equal(ImageDecompression.Xz, result.Decompression);
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Equal(Image.Length, result.BytesWritten);
        Assert.False(result.NativeZstd);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Stream_Xz_DownloadDigestMode_VerifiesTheCompressedFile()
    {
        var target = _targets.File("download-digest.out");
        var options = new ImageStreamOptions { ExpectedDownloadSha256 = TestData.Sha256Hex(_xz) };
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.xz"), target, options);
        Assert.Null(result.Sha256);
        Assert.Equal(TestData.Sha256Hex(_xz), result.DownloadSha256);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Stream_Xz_ThroughDroppingProxy_ResumesWithRange()
    {
        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _server.BaseUri.Port), cutAfter: 300_000, drops: 3);
        var target = _targets.File("resumed.out");
        var result = await new ImageStreamClient(_http).StreamToFileAsync(proxy.Rewrite(_server.Url("disk.raw.xz")), target, Options());
        Assert.Equal(3, proxy.DropsDone);
        Assert.Equal(3, result.Resumes);
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Stream_TruncatedXz_FailsWithDecompressionFailedAndLeavesNoTarget()
    {
        var target = _targets.File("truncated.out");
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(_server.Url("truncated.raw.xz"), target, Options()));
        Assert.Equal(ImageStreamFailure.DecompressionFailed, e.Failure);
        Assert.Contains("xz", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(1_000_003)]
    public void Source_AnyDestinationSize_GivesTheImage(int destinationSize)
    {
        using var source = new NativeXzSource(new NativeZstdSourceTests.TrickleStream(_xz, 777));
        using var output = new MemoryStream();
        var buffer = new byte[destinationSize];
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        Assert.Equal(Image, output.ToArray());
    }

    [Fact]
    public void Source_FlippedByte_ThrowsInvalidDataFromLiblzma()
    {
        // The default CRC64 check of every block (and LZMA2's own consistency) catches a flipped byte in the payload.
        var corrupt = _xz.ToArray();
        corrupt[corrupt.Length / 2] ^= 0x55;
        using var source = new NativeXzSource(new MemoryStream(corrupt));
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            var buffer = new byte[1 << 20];
            while (source.Read(buffer) > 0)
            {
            }
        });
        Assert.StartsWith("liblzma: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_NotXz_ThrowsFormatError()
    {
        using var source = new NativeXzSource(new MemoryStream(TestData.Gzip(Image)));
        var e = Assert.Throws<InvalidDataException>(() => source.Read(new byte[4096]));
        Assert.Contains("LZMA_FORMAT_ERROR", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Compresses with the xz tool (xz-utils): the format as every distribution ships it.</summary>
    private static byte[] Xz(byte[] data, params string[] arguments)
    {
        var start = new ProcessStartInfo("xz", ["--compress", "--stdout", .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(data);
        process.StandardInput.Close();
        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }
}
