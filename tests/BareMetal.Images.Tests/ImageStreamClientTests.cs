using System.Net;
using Microsoft.AspNetCore.Builder;

namespace BareMetal.Images.Tests;

/// <summary>The streaming client against our server on a real Kestrel, directly and through a proxy that drops connections.</summary>
public sealed class ImageStreamClientTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Image = TestData.Bytes((9 * 1024 * 1024) + 4321);
    private static readonly string ImageSha = TestData.Sha256Hex(Image);
    private readonly HttpClient _http = new();
    private readonly TempDirectory _targets = new();
    private ImageServerHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ImageServerHost.StartAsync(populate: root =>
        {
            File.WriteAllBytes(root.File("disk.raw"), Image);
            File.WriteAllBytes(root.File("disk.raw.gz"), TestData.Gzip(Image));
            File.WriteAllBytes(root.File("disk.raw.zst"), TestData.Zstd(Image));
            // A truncated frame: the decoder must notice the missing end, not just stop.
            var compressed = TestData.Zstd(Image);
            File.WriteAllBytes(root.File("corrupt.raw.zst"), compressed[..(compressed.Length / 2)]);
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

    [Theory]
    [InlineData("disk.raw", "None")]
    [InlineData("disk.raw.gz", "Gzip")]
    [InlineData("disk.raw.zst", "Zstd")]
    public async Task Stream_Direct_WritesVerifiedBytes(string name, string decompression)
    {
        var target = _targets.File(name + ".out");
        var reports = new List<ImageStreamProgress>();
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url(name), target, Options(), new SyncProgress(reports.Add));
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Equal(Image.Length, result.BytesWritten);
        Assert.Equal(Enum.Parse<ImageDecompression>(decompression), result.Decompression);
        Assert.Equal(0, result.Resumes);
        Assert.Equal(name == "disk.raw", result.ServerDigestVerified);
        Assert.NotNull(result.EntityTag);
        Assert.NotEmpty(reports);
        Assert.Equal(Image.Length, reports[^1].BytesWritten);
        Assert.Equal(result.BytesReceived, reports[^1].BytesReceived);
        Assert.Single(Directory.GetFiles(_targets.Path, "*" + name + "*", SearchOption.TopDirectoryOnly));
    }

    [Theory]
    [InlineData("disk.raw")]
    [InlineData("disk.raw.zst")]
    public async Task Stream_LeftoverPartialFile_IsReplacedNotReused(string name)
    {
        // An interrupted earlier run left its hidden temporary file behind, longer than the image and full of other
        // bytes. The new file is created fresh (not truncated in place), and nothing of the leftover survives.
        var target = _targets.File("leftover-" + name);
        var leftover = Path.Combine(_targets.Path, "." + Path.GetFileName(target) + ".partial");
        await File.WriteAllBytesAsync(leftover, TestData.Bytes(Image.Length + 100_000, seed: 99));
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url(name), target, Options());
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
        Assert.False(File.Exists(leftover));
    }

    [Theory]
    [InlineData("disk.raw")]
    [InlineData("disk.raw.gz")]
    [InlineData("disk.raw.zst")]
    public async Task Stream_ThroughDroppingProxy_ResumesWithRangeAndIfRange(string name)
    {
        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _server.BaseUri.Port), cutAfter: 700_000, drops: 3);
        var target = _targets.File("resumed-" + name);
        var result = await new ImageStreamClient(_http).StreamToFileAsync(proxy.Rewrite(_server.Url(name)), target, Options());
        Assert.Equal(3, proxy.DropsDone);
        Assert.Equal(3, result.Resumes);
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Stream_DigestMismatch_ThrowsAndKeepsThePreviousTarget()
    {
        var target = _targets.File("keep.img");
        await File.WriteAllTextAsync(target, "previous good image");
        var wrong = new string('0', 64);
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), target, Options(wrong)));
        Assert.Equal(ImageStreamFailure.DigestMismatch, e.Failure);
        Assert.Contains(ImageSha, e.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, e.Message, StringComparison.Ordinal);
        Assert.Equal("previous good image", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFiles(_targets.Path, "*keep*"));
    }

    [Fact]
    public async Task Stream_DeviceTarget_HeadWrittenLastAndZeroedOnFailure()
    {
        var device = _targets.File("fake-device");
        var old = new byte[16 * 1024 * 1024];
        old.AsSpan().Fill(0xAA);
        await File.WriteAllBytesAsync(device, old);
        var client = new ImageStreamClient(_http);

        var options = Options();
        options.TargetIsDevice = true;
        var ok = await client.StreamToFileAsync(_server.Url("disk.raw.gz"), device, options);
        var written = await File.ReadAllBytesAsync(device);
        Assert.Equal(old.Length, written.Length);
        Assert.Equal(Image, written[..Image.Length]);
        Assert.False(written.AsSpan(Image.Length).ContainsAnyExcept((byte)0xAA));
        Assert.Equal(ImageSha, ok.Sha256);

        var bad = Options(new string('f', 64));
        bad.TargetIsDevice = true;
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => client.StreamToFileAsync(_server.Url("disk.raw"), device, bad));
        Assert.Equal(ImageStreamFailure.DigestMismatch, e.Failure);
        var after = await File.ReadAllBytesAsync(device);
        Assert.False(after.AsSpan(0, bad.WriteBufferSize).ContainsAnyExcept((byte)0));
    }

    [Fact]
    public async Task Stream_SourceChangedBeforeResume_FailsWithSourceChanged()
    {
        var path = _server.Root.File("changing.raw");
        await File.WriteAllBytesAsync(path, Image);
        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _server.BaseUri.Port), cutAfter: 500_000, drops: 1, onCut: () =>
        {
            File.WriteAllBytes(path, TestData.Bytes(Image.Length, seed: 9));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
        });
        var target = _targets.File("changing.out");
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(proxy.Rewrite(_server.Url("changing.raw")), target, Options()));
        Assert.Equal(ImageStreamFailure.SourceChanged, e.Failure);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_targets.Path, "*partial*"));
    }

    [Fact]
    public async Task Stream_NoProgressDrops_ExhaustResumeAttempts()
    {
        // Every connection is cut inside the response headers: no body byte ever arrives.
        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _server.BaseUri.Port), cutAfter: 500_000, drops: 1);
        await using var deaf = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _server.BaseUri.Port), cutAfter: 10, drops: 1000);
        var options = Options();
        options.MaxResumeAttempts = 2;
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(deaf.Rewrite(_server.Url("disk.raw")), _targets.File("never"), options));
        Assert.Equal(ImageStreamFailure.ResumeAttemptsExhausted, e.Failure);
        Assert.Equal(3, deaf.Connections);
        Assert.False(File.Exists(_targets.File("never")));
    }

    [Fact]
    public async Task Stream_NotFound_ThrowsHttpStatus()
    {
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(_server.Url("missing.raw"), _targets.File("missing"), Options()));
        Assert.Equal(ImageStreamFailure.HttpStatus, e.Failure);
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Contains("404", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_CorruptZstd_ThrowsDecompressionFailed(bool preferNative)
    {
        var target = _targets.File("corrupt.out");
        var options = Options();
        options.PreferNativeZstd = preferNative;
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(_server.Url("corrupt.raw.zst"), target, options));
        Assert.Equal(ImageStreamFailure.DecompressionFailed, e.Failure);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_targets.Path, "*partial*"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_Zstd_NativeAndManagedDecodersWriteTheSameVerifiedImage(bool preferNative)
    {
        var target = _targets.File($"decoder-{preferNative}.out");
        var options = Options();
        options.PreferNativeZstd = preferNative;
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), target, options);
        Assert.Equal(preferNative, result.NativeZstd);
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
    }

    [Theory]
    [InlineData("disk.raw.zst")]
    [InlineData("disk.raw")]
    public async Task Stream_DirectWrites_FileTarget_WritesTheVerifiedImage(string name)
    {
        // The image length (9 MiB + 4321) is not a multiple of 4 KiB: whole blocks go through O_DIRECT, the tail
        // through the page cache. Whether O_DIRECT is used depends on the filesystem holding the target.
        var target = _targets.File("direct-" + name);
        var options = Options();
        options.DirectWrites = true;
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url(name), target, options);
        Assert.Equal(DirectSupportedIn(_targets.Path), result.DirectWrites);
        Assert.Equal(ImageSha, result.Sha256);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
        Assert.Single(Directory.GetFiles(_targets.Path, "*direct-" + name + "*"));
    }

    [Fact]
    public async Task Stream_DirectWrites_DeviceTarget_HeadLastAndNothingPastTheImageTouched()
    {
        var device = _targets.File("fake-device-direct");
        var old = new byte[16 * 1024 * 1024];
        old.AsSpan().Fill(0xAA);
        await File.WriteAllBytesAsync(device, old);
        var options = Options();
        options.TargetIsDevice = true;
        options.DirectWrites = true;
        var result = await new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), device, options);
        var written = await File.ReadAllBytesAsync(device);
        Assert.Equal(DirectSupportedIn(_targets.Path), result.DirectWrites);
        Assert.Equal(Image, written[..Image.Length]);
        Assert.False(written.AsSpan(Image.Length).ContainsAnyExcept((byte)0xAA));
    }

    [Fact]
    public void DirectWriteFile_OnThisMachinesTemporaryDirectory_OpensWithODirect()
    {
        // Debian 12 keeps /tmp on the root filesystem (ext4 here), which supports O_DIRECT: the fast path is
        // really exercised by the two tests above, not only its fallback.
        Assert.True(DirectSupportedIn(_targets.Path), $"O_DIRECT refused in {_targets.Path}");
    }

    private static bool DirectSupportedIn(string directory)
    {
        var probe = Path.Combine(directory, ".probe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(probe, []);
        try
        {
            using var handle = DirectWriteFile.TryOpen(probe);
            return handle is not null;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    [Fact]
    public async Task Stream_TargetFailsMidway_ThrowsTargetFailedAndStopsEveryThread()
    {
        // /dev/full accepts the open and fails every write with ENOSPC: the writing thread fails after the decoder
        // has started, and the call must return (not hang on a decoder waiting for a free block).
        var options = Options();
        options.TargetIsDevice = true;
        var call = new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), "/dev/full", options);
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(ImageStreamFailure.TargetFailed, e.Failure);
        Assert.Contains("/dev/full", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_CancelledWhileTheBodyStalls_ReturnsPromptly()
    {
        // The decoding thread is blocked in a synchronous read of a body that stopped arriving; cancelling must close
        // the connection under it instead of waiting for the 30 s read timeout.
        await using var server = await CustomEndpointHost.StartAsync(app =>
        {
            app.MapGet("/silent.raw", async context =>
            {
                context.Response.Headers.ETag = "\"silent\"";
                context.Response.ContentLength = 8 * 1024 * 1024;
                await context.Response.Body.WriteAsync(new byte[64 * 1024]);
                await context.Response.Body.FlushAsync();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            });
        });
        var address = server.Address;

        var options = Options();
        options.ReadTimeout = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var target = _targets.File("silent.out");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ImageStreamClient(_http).StreamToFileAsync(new Uri(address, "/silent.raw"), target, options, cancellationToken: cts.Token).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_targets.Path, "*silent*partial*"));
    }

    [Fact]
    public async Task Stream_BodyStallsLongerThanReadTimeout_ResumesWithRange()
    {
        var body = TestData.Bytes(3 * 1024 * 1024, seed: 5);
        const string Tag = "\"stall-1\"";
        var requests = new List<string>();
        await using var server = await CustomEndpointHost.StartAsync(app =>
        {
            app.MapGet("/stall.raw", async context =>
            {
                var range = context.Request.Headers.Range.ToString();
                lock (requests)
                {
                    requests.Add(range + "|" + context.Request.Headers.IfRange);
                }

                context.Response.Headers.ETag = Tag;
                if (range.Length == 0)
                {
                    // The first answer sends 1 MiB, then nothing more: no error, no end, just silence.
                    context.Response.ContentLength = body.Length;
                    await context.Response.Body.WriteAsync(body.AsMemory(0, 1024 * 1024));
                    await context.Response.Body.FlushAsync();
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }

                var from = long.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = $"bytes {from}-{body.Length - 1}/{body.Length}";
                context.Response.ContentLength = body.Length - from;
                await context.Response.Body.WriteAsync(body.AsMemory((int)from));
            });
        });
        var address = server.Address;

        var options = Options(TestData.Sha256Hex(body));
        options.ReadTimeout = TimeSpan.FromMilliseconds(300);
        var target = _targets.File("stalled.out");
        var result = await new ImageStreamClient(_http).StreamToFileAsync(new Uri(address, "/stall.raw"), target, options);

        Assert.Equal(1, result.Resumes);
        Assert.Equal(body, await File.ReadAllBytesAsync(target));
        lock (requests)
        {
            Assert.Equal(2, requests.Count);
            Assert.Matches(@"^bytes=\d+-\|""stall-1""$", requests[1]);
        }

    }

    [Fact]
    public async Task Stream_Cancelled_ThrowsCancellationAndLeavesNothing()
    {
        using var cts = new CancellationTokenSource();
        var target = _targets.File("cancelled.out");
        var options = Options();
        var progress = new SyncProgress(_ => cts.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ImageStreamClient(_http).StreamToFileAsync(_server.Url("disk.raw.zst"), target, options, progress, cts.Token));
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_targets.Path, "*partial*"));
    }

    [Fact]
    public async Task Stream_ServerDigestWrongOrNoValidator_FailsClearly()
    {
        var body = TestData.Bytes(2 * 1024 * 1024);
        await using var server = await CustomEndpointHost.StartAsync(app =>
        {
            app.MapGet("/wrong-digest.raw", async context =>
            {
                context.Response.Headers["Repr-Digest"] = ReprDigest.FormatSha256(new byte[32]);
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body);
            });
            app.MapGet("/no-validator.raw", async context =>
            {
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body);
            });
        });
        var address = server.Address;

        var options = Options(TestData.Sha256Hex(body));
        var wrong = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(new Uri(address, "/wrong-digest.raw"), _targets.File("w"), options));
        Assert.Equal(ImageStreamFailure.ServerDigestMismatch, wrong.Failure);
        Assert.False(File.Exists(_targets.File("w")));

        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, address.Port), cutAfter: 300_000, drops: 1);
        var none = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(proxy.Rewrite(new Uri(address, "/no-validator.raw")), _targets.File("n"), options));
        Assert.Equal(ImageStreamFailure.ResumeNotPossible, none.Failure);
    }

    /// <summary>An IProgress that reports synchronously on the calling thread (Progress&lt;T&gt; posts to the pool).</summary>
    internal sealed class SyncProgress(Action<ImageStreamProgress> report) : IProgress<ImageStreamProgress>
    {
        public void Report(ImageStreamProgress value) => report(value);
    }
}
