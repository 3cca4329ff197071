using System.Net;
using Microsoft.AspNetCore.Builder;

namespace BareMetal.Images.Tests;

/// <summary>
/// Download-digest mode (<see cref="ImageStreamOptions.ExpectedDownloadSha256"/>): the SHA-256 of the compressed body
/// as served, taken on the receiving thread, with the output verified by the gzip / zstd checksums. Real Kestrel on
/// 127.0.0.1 serving the files as they are (no on-the-fly decompression).
/// </summary>
public sealed class DownloadDigestTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Image = TestData.Bytes((9 * 1024 * 1024) + 4321);
    private static readonly string ImageSha = TestData.Sha256Hex(Image);
    private static readonly byte[] Zst = TestData.ZstdWithChecksum(Image);
    private static readonly byte[] Gz = TestData.Gzip(Image);

    private readonly HttpClient _http = new();
    private readonly TempDirectory _targets = new();
    private ImageServerHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ImageServerHost.StartAsync(populate: root =>
        {
            File.WriteAllBytes(root.File("disk.raw"), Image);
            File.WriteAllBytes(root.File("disk.raw.zst"), Zst);
            File.WriteAllBytes(root.File("disk.raw.gz"), Gz);
            File.WriteAllBytes(root.File("flipped-check.raw.zst"), Flip(TestData.ZstdWithChecksum(NoiseWithoutRuns())));
            File.WriteAllBytes(root.File("flipped-nocheck.raw.zst"), Flip(TestData.Zstd(NoiseWithoutRuns())));
            File.WriteAllBytes(root.File("flipped.raw.gz"), Flip(TestData.Gzip(NoiseWithoutRuns())));
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _targets.Dispose();
    }

    /// <summary>
    /// Random bytes, which do not compress: zstd stores them in raw blocks and gzip in stored blocks, so a flipped byte
    /// in the middle of the payload changes one output byte and breaks no structure. Only a checksum can notice it.
    /// </summary>
    private static byte[] NoiseWithoutRuns()
    {
        var data = new byte[3 * 1024 * 1024];
        new Random(11).NextBytes(data);
        return data;
    }

    /// <summary>Inverts one byte well inside the payload (past the frame / member header, far from the trailer).</summary>
    private static byte[] Flip(byte[] compressed)
    {
        var copy = (byte[])compressed.Clone();
        copy[(copy.Length / 2) + 17] ^= 0xFF;
        return copy;
    }

    private static ImageStreamOptions Options(string? download = null, string? output = null, bool preferNative = true) => new()
    {
        ExpectedDownloadSha256 = download,
        ExpectedSha256 = output,
        PreferNativeZstd = preferNative,
        ResumeDelay = TimeSpan.FromMilliseconds(20),
        WriteBufferSize = 1024 * 1024,
    };

    private static Uri Served(Uri address, string path) => new(address, path);

    [Theory]
    [InlineData("disk.raw.zst", true)]
    [InlineData("disk.raw.zst", false)]
    [InlineData("disk.raw.gz", true)]
    public async Task Stream_DownloadDigestOnly_VerifiesTheCompressedBytesAndSkipsTheOutputHash(string name, bool preferNative)
    {
        var compressed = name.EndsWith(".zst", StringComparison.Ordinal) ? Zst : Gz;
        var target = _targets.File($"{name}-{preferNative}.out");
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url(name), target, Options(download: TestData.Sha256Hex(compressed), preferNative: preferNative));

        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
        Assert.Null(result.Sha256);
        Assert.Equal(TestData.Sha256Hex(compressed), result.DownloadSha256);
        Assert.Equal(compressed.Length, result.BytesReceived);
        Assert.Equal(Image.Length, result.BytesWritten);
        Assert.Equal(name.EndsWith(".zst", StringComparison.Ordinal) && preferNative, result.NativeZstd);

        // Our server sends Repr-Digest of the file as served: in this mode it is checked against the download hash.
        Assert.True(result.ServerDigestVerified);
    }

    [Fact]
    public async Task Stream_CompressedWithoutAnyExpectedDigest_StillHashesTheDownload()
    {
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), _targets.File("none.out"), Options());
        Assert.Null(result.Sha256);
        Assert.Equal(TestData.Sha256Hex(Zst), result.DownloadSha256);
        Assert.True(result.ServerDigestVerified);
    }

    [Theory]
    [InlineData("disk.raw.zst")]
    [InlineData("disk.raw.gz")]
    public async Task Stream_DownloadDigestMismatch_FailsAndKeepsThePreviousTarget(string name)
    {
        var target = _targets.File("keep-" + name);
        await File.WriteAllTextAsync(target, "previous good image");
        var wrong = new string('0', 64);
        var e = await Assert.ThrowsAsync<ImageStreamException>(
            () => new ImageStreamClient(_http).StreamToFileAsync(_server.Url(name), target, Options(download: wrong)));

        Assert.Equal(ImageStreamFailure.DigestMismatch, e.Failure);
        Assert.Contains("download SHA-256", e.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, e.Message, StringComparison.Ordinal);
        Assert.Contains(TestData.Sha256Hex(name.EndsWith(".zst", StringComparison.Ordinal) ? Zst : Gz), e.Message, StringComparison.Ordinal);
        Assert.Equal("previous good image", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFiles(_targets.Path, "*keep-" + name + "*"));
    }

    [Fact]
    public async Task Stream_DownloadDigestMismatch_DeviceTargetHeadIsZeroed()
    {
        var device = _targets.File("fake-device");
        var old = new byte[16 * 1024 * 1024];
        old.AsSpan().Fill(0xAA);
        await File.WriteAllBytesAsync(device, old);
        var options = Options(download: new string('e', 64));
        options.TargetIsDevice = true;
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), device, options));
        Assert.Equal(ImageStreamFailure.DigestMismatch, e.Failure);
        var after = await File.ReadAllBytesAsync(device);
        Assert.False(after.AsSpan(0, options.WriteBufferSize).ContainsAnyExcept((byte)0));
    }

    [Theory]
    [InlineData("disk.raw.zst", true)]
    [InlineData("disk.raw.zst", false)]
    [InlineData("disk.raw.gz", true)]
    public async Task Stream_ThroughDroppingProxy_DownloadHashContinuesAtTheResumeOffset(string name, bool preferNative)
    {
        // Cuts at 300,000 bytes of each of the first three answers (headers included): the body resumes with
        // Range: bytes=N- three times, and the hash of the bytes delivered must still be the file's.
        var compressed = name.EndsWith(".zst", StringComparison.Ordinal) ? Zst : Gz;
        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _server.BaseUri.Port), cutAfter: 300_000, drops: 3);
        var target = _targets.File($"resumed-{name}-{preferNative}");
        var result = await new ImageStreamClient(_http).StreamToFileAsync(
            proxy.Rewrite(_server.Url(name)), target, Options(download: TestData.Sha256Hex(compressed), preferNative: preferNative));

        Assert.Equal(3, proxy.DropsDone);
        Assert.Equal(3, result.Resumes);
        Assert.Equal(TestData.Sha256Hex(compressed), result.DownloadSha256);
        Assert.Equal(compressed.Length, result.BytesReceived);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Stream_BothDigests_HashesOutputAndDownload()
    {
        var client = new ImageStreamClient(_http);
        var ok = await client.StreamToFileAsync(_server.Url("disk.raw.zst"), _targets.File("both.out"), Options(download: TestData.Sha256Hex(Zst), output: ImageSha));
        Assert.Equal(ImageSha, ok.Sha256);
        Assert.Equal(TestData.Sha256Hex(Zst), ok.DownloadSha256);
        Assert.True(ok.ServerDigestVerified);

        // Each digest is checked on its own: a right output digest does not excuse a wrong download digest, nor the reverse.
        var badDownload = await Assert.ThrowsAsync<ImageStreamException>(
            () => client.StreamToFileAsync(_server.Url("disk.raw.zst"), _targets.File("both-bad-download.out"), Options(download: new string('1', 64), output: ImageSha)));
        Assert.Equal(ImageStreamFailure.DigestMismatch, badDownload.Failure);
        Assert.Contains("download SHA-256", badDownload.Message, StringComparison.Ordinal);

        var badOutput = await Assert.ThrowsAsync<ImageStreamException>(
            () => client.StreamToFileAsync(_server.Url("disk.raw.zst"), _targets.File("both-bad-output.out"), Options(download: TestData.Sha256Hex(Zst), output: new string('2', 64))));
        Assert.Equal(ImageStreamFailure.DigestMismatch, badOutput.Failure);
        Assert.DoesNotContain("download SHA-256", badOutput.Message, StringComparison.Ordinal);
        Assert.Contains(ImageSha, badOutput.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_targets.Path, "both-bad*"));
    }

    [Fact]
    public async Task Stream_OutputDigestOnly_DoesNotHashTheDownload()
    {
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), _targets.File("output-only.out"), Options(output: ImageSha));
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Null(result.DownloadSha256);
        Assert.False(result.ServerDigestVerified);
    }

    [Fact]
    public async Task Stream_Uncompressed_OneHashServesBothDigests()
    {
        var client = new ImageStreamClient(_http);
        var ok = await client.StreamToFileAsync(_server.Url("disk.raw"), _targets.File("plain.out"), Options(download: ImageSha));
        Assert.Equal(ImageSha, ok.Sha256);
        Assert.Equal(ImageSha, ok.DownloadSha256);
        Assert.True(ok.ServerDigestVerified);

        var e = await Assert.ThrowsAsync<ImageStreamException>(
            () => client.StreamToFileAsync(_server.Url("disk.raw"), _targets.File("plain-bad.out"), Options(download: new string('3', 64))));
        Assert.Equal(ImageStreamFailure.DigestMismatch, e.Failure);
        Assert.Contains("download SHA-256", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_targets.File("plain-bad.out")));
    }

    [Theory]
    [InlineData("flipped-check.raw.zst", true)]
    [InlineData("flipped-check.raw.zst", false)]
    [InlineData("flipped.raw.gz", true)]
    public async Task Stream_FlippedPayloadByte_DetectedByTheFormatChecksum(string name, bool preferNative)
    {
        // No digest expected at all: only zstd's XXH64 content checksum / gzip's CRC-32 can catch this byte.
        var target = _targets.File($"flipped-{name}-{preferNative}.out");
        var e = await Assert.ThrowsAsync<ImageStreamException>(
            () => new ImageStreamClient(_http).StreamToFileAsync(_server.Url(name), target, Options(preferNative: preferNative)));
        Assert.Equal(ImageStreamFailure.DecompressionFailed, e.Failure);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_targets.Path, "*partial*"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_FlippedByteInAFrameWithoutChecksum_IsNotNoticedByTheDecoder_OnlyByTheDownloadDigest(bool preferNative)
    {
        // The documented limit of download-digest mode: a zstd frame written with --no-check carries nothing that
        // verifies the output, so a corrupted stored block decodes "successfully". The download digest of the file
        // as published (before the corruption) is what catches it.
        var noise = NoiseWithoutRuns();
        var client = new ImageStreamClient(_http);
        var unnoticed = await client.StreamToFileAsync(_server.Url("flipped-nocheck.raw.zst"), _targets.File($"nocheck-{preferNative}.out"), Options(preferNative: preferNative));
        var written = await File.ReadAllBytesAsync(_targets.File($"nocheck-{preferNative}.out"));
        Assert.Equal(noise.Length, written.Length);
        Assert.NotEqual(noise, written);
        Assert.Null(unnoticed.Sha256);

        var published = TestData.Sha256Hex(TestData.Zstd(noise));
        var e = await Assert.ThrowsAsync<ImageStreamException>(
            () => client.StreamToFileAsync(_server.Url("flipped-nocheck.raw.zst"), _targets.File($"nocheck-verified-{preferNative}.out"), Options(download: published, preferNative: preferNative)));
        Assert.Equal(ImageStreamFailure.DigestMismatch, e.Failure);
        Assert.False(File.Exists(_targets.File($"nocheck-verified-{preferNative}.out")));
    }

    [Fact]
    public async Task Stream_ReprDigestOfTheCompressedFile_CheckedInDownloadDigestMode()
    {
        await using var server = await CustomEndpointHost.StartAsync(app =>
        {
            app.MapGet("/wrong.raw.zst", async context =>
            {
                // The digest of the decompressed image: right bytes, wrong representation (RFC 9530 §2 means the .zst).
                context.Response.Headers["Repr-Digest"] = ReprDigest.FormatSha256(System.Security.Cryptography.SHA256.HashData(Image));
                context.Response.ContentLength = Zst.Length;
                await context.Response.Body.WriteAsync(Zst);
            });
        });
        var address = server.Address;
        var client = new ImageStreamClient(_http);

        var e = await Assert.ThrowsAsync<ImageStreamException>(
            () => client.StreamToFileAsync(Served(address, "/wrong.raw.zst"), _targets.File("repr.out"), Options()));
        Assert.Equal(ImageStreamFailure.ServerDigestMismatch, e.Failure);
        Assert.Contains(TestData.Sha256Hex(Zst), e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_targets.File("repr.out")));

        // Switched off, the header is ignored and the caller's own download digest decides.
        var off = Options(download: TestData.Sha256Hex(Zst));
        off.VerifyServerDigest = false;
        var result = await client.StreamToFileAsync(Served(address, "/wrong.raw.zst"), _targets.File("repr-off.out"), off);
        Assert.False(result.ServerDigestVerified);
        Assert.Equal(Image, await File.ReadAllBytesAsync(_targets.File("repr-off.out")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public async Task Stream_MalformedDownloadDigest_ThrowsInvalidOptionsNamingTheField(string hex)
    {
        var e = await Assert.ThrowsAsync<ImageStreamException>(
            () => new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), _targets.File("invalid.out"), Options(download: hex)));
        Assert.Equal(ImageStreamFailure.InvalidOptions, e.Failure);
        Assert.Contains(nameof(ImageStreamOptions.ExpectedDownloadSha256), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_TargetFailsMidway_InDownloadDigestMode_ReturnsPromptlyWithTargetFailed()
    {
        // Only two threads run in this mode; the writer failing must still stop the decoder (which then must not read
        // the rest of the body for the digest).
        var options = Options(download: TestData.Sha256Hex(Zst));
        options.TargetIsDevice = true;
        var call = new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), "/dev/full", options);
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(ImageStreamFailure.TargetFailed, e.Failure);
    }
}
