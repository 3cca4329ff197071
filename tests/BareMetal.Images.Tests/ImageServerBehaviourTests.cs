using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BareMetal.Images.Tests;

/// <summary>Limits, files changing under a running response, on-the-fly decompression and metrics.</summary>
public sealed class ImageServerBehaviourTests
{
    [Fact]
    public async Task PerClientLimit_SecondStreamGets429_AndBandwidthIsCapped()
    {
        var data = TestData.Bytes(2 * 1024 * 1024);
        await using var server = await ImageServerHost.StartAsync(
            o => { o.MaxStreamsPerClient = 1; o.MaxBytesPerSecondPerClient = 1024 * 1024; },
            root => File.WriteAllBytes(root.File("initrd.img"), data));
        var stopwatch = Stopwatch.StartNew();
        var slow = Curl.RunAsync(server.Url("initrd.img").ToString());
        await server.WhenStreamingAsync();
        var second = await Curl.RunAsync(server.Url("initrd.img").ToString());
        Assert.Equal(429, second.Status);
        Assert.Equal("1", second.Header("Retry-After"));
        var first = await slow;
        stopwatch.Stop();
        Assert.Equal(data, first.Body);

        // 2 MiB at 1 MiB/s with a 0.1 s burst: at least 1.5 s.
        Assert.True(stopwatch.Elapsed > TimeSpan.FromSeconds(1.5), $"took {stopwatch.Elapsed}");
        Assert.True(server.Logs.Contains("MaxStreamsPerClient reached"));
    }

    [Fact]
    public async Task GlobalLimit_SecondStreamGets503()
    {
        var data = TestData.Bytes(1024 * 1024);
        await using var server = await ImageServerHost.StartAsync(
            o => { o.MaxConcurrentStreams = 1; o.MaxBytesPerSecond = 512 * 1024; },
            root => File.WriteAllBytes(root.File("initrd.img"), data));
        var slow = Curl.RunAsync(server.Url("initrd.img").ToString());
        await server.WhenStreamingAsync();
        var second = await Curl.RunAsync(server.Url("initrd.img").ToString());
        Assert.Equal(503, second.Status);
        Assert.Equal(data, (await slow).Body);
        var third = await Curl.RunAsync(server.Url("initrd.img").ToString(), "-I");
        Assert.Equal(200, third.Status);
    }

    [Fact]
    public async Task FileChangedWhileServed_ConnectionIsAbortedNotTorn()
    {
        var data = TestData.Bytes(3 * 1024 * 1024);
        await using var server = await ImageServerHost.StartAsync(
            o => o.MaxBytesPerSecondPerClient = 1024 * 1024,
            root => File.WriteAllBytes(root.File("disk.raw"), data));
        var download = Curl.RunAsync(server.Url("disk.raw").ToString());

        // The response has opened the file and is streaming it (at 1 MiB/s, about 3 s for the whole file).
        await server.WhenStreamingAsync();

        // Rewrite in place: same size, new bytes, new mtime.
        await using (var file = new FileStream(server.Root.File("disk.raw"), FileMode.Open, FileAccess.Write))
        {
            await file.WriteAsync(TestData.Bytes(data.Length, seed: 2));
        }

        File.SetLastWriteTimeUtc(server.Root.File("disk.raw"), DateTime.UtcNow.AddSeconds(5));
        var r = await download;
        Assert.NotEqual(0, r.ExitCode);
        Assert.True(r.Body.Length < data.Length, $"received {r.Body.Length} of {data.Length}");
        Assert.True(server.Logs.Contains("changed while it was served"));

        var fresh = await Curl.RunAsync(server.Url("disk.raw").ToString(), "-I");
        Assert.Equal(200, fresh.Status);
    }

    [Fact]
    public async Task DecompressOnTheFly_RawNameServesDecompressedBytes()
    {
        var data = TestData.Bytes(1024 * 1024 + 17);
        await using var server = await ImageServerHost.StartAsync(
            o => o.DecompressOnTheFly = true,
            root =>
            {
                File.WriteAllBytes(root.File("disk.raw.zst"), TestData.Zstd(data));
                File.WriteAllBytes(root.File("other.img.gz"), TestData.Gzip(data));
                File.WriteAllBytes(root.File("broken.img.zst"), [0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4, 5]);
            });

        var zst = await Curl.RunAsync(server.Url("disk.raw").ToString(), "-H", "Range: bytes=0-9");
        Assert.Equal(200, zst.Status);
        Assert.Equal(data, zst.Body);
        Assert.Equal("none", zst.Header("Accept-Ranges"));
        Assert.EndsWith("-unzstd\"", zst.Header("ETag"), StringComparison.Ordinal);
        Assert.Null(zst.Header("Content-Length"));

        var notModified = await Curl.RunAsync(server.Url("disk.raw").ToString(), "-H", $"If-None-Match: {zst.Header("ETag")}");
        Assert.Equal(304, notModified.Status);

        var gz = await Curl.RunAsync(server.Url("other.img").ToString());
        Assert.Equal(data, gz.Body);

        var compressed = await Curl.RunAsync(server.Url("disk.raw.zst").ToString());
        Assert.Equal("application/zstd", compressed.Header("Content-Type"));

        var broken = await Curl.RunAsync(server.Url("broken.img").ToString());
        Assert.NotEqual(0, broken.ExitCode);
        Assert.True(server.Logs.Contains("Corrupt compressed source"));
    }

    [Fact]
    public async Task DecompressOff_RawNameIs404()
    {
        await using var server = await ImageServerHost.StartAsync(populate: root => File.WriteAllBytes(root.File("disk.raw.zst"), TestData.Zstd([1, 2, 3])));
        var r = await Curl.RunAsync(server.Url("disk.raw").ToString());
        Assert.Equal(404, r.Status);
    }

    [Fact]
    public async Task Meter_CountsBytesRequestsAndStatuses()
    {
        var data = TestData.Bytes(200_000);
        long bytes = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ImagesDiagnostics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "baremetal.images.bytes_sent")
            {
                Interlocked.Add(ref bytes, value);
            }
            else if (instrument.Name == "baremetal.images.requests")
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "http.response.status_code")
                    {
                        statuses.Add((int)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        await using var server = await ImageServerHost.StartAsync(populate: root => File.WriteAllBytes(root.File("disk.raw"), data));
        await Curl.RunAsync(server.Url("disk.raw").ToString());
        await Curl.RunAsync(server.Url("disk.raw").ToString(), "-H", "Range: bytes=999999-");
        await Curl.RunAsync(server.Url("nothing.raw").ToString());
        listener.RecordObservableInstruments();
        Assert.True(Interlocked.Read(ref bytes) >= data.Length);
        Assert.Contains(200, statuses);
        Assert.Contains(416, statuses);
        Assert.Contains(404, statuses);
    }

    [Fact]
    public async Task Digest_LargeFileBeyondWaitLimit_IsServedAtOnceThenCarriesTheHeader()
    {
        var data = TestData.Bytes(4 * 1024 * 1024);
        await using var server = await ImageServerHost.StartAsync(o => o.DigestWaitLimit = 1024, root => File.WriteAllBytes(root.File("big.img"), data));
        var first = await Curl.RunAsync(server.Url("big.img").ToString());
        Assert.Equal(data, first.Body);
        var expected = ReprDigest.FormatSha256(System.Security.Cryptography.SHA256.HashData(data));

        // The digest is computed in the background after the first response. The server counts it an instant before
        // the digest's task completes, so a response may still miss it: ask again (no pause) until one carries it.
        await server.WhenDigestsComputedAsync();
        string? header = null;
        for (var attempt = 0; attempt < 20 && header is null; attempt++)
        {
            header = (await Curl.RunAsync(server.Url("big.img").ToString(), "-I")).Header("Repr-Digest");
        }

        Assert.Equal(expected, header);
        Assert.True(server.Logs.Contains("Computed sha-256"));
    }
}
