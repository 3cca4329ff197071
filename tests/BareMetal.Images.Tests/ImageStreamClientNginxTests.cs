using System.Net;

namespace BareMetal.Images.Tests;

/// <summary>The streaming client against Debian's nginx (sendfile on), with injected connection drops.</summary>
public sealed class ImageStreamClientNginxTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Image = TestData.Bytes((6 * 1024 * 1024) + 99, seed: 5);
    private readonly HttpClient _http = new();
    private readonly TempDirectory _targets = new();
    private NginxPeer _nginx = null!;

    public async Task InitializeAsync() =>
        _nginx = await NginxPeer.StartAsync(www =>
        {
            File.WriteAllBytes(Path.Combine(www, "disk.raw"), Image);
            File.WriteAllBytes(Path.Combine(www, "disk.raw.zst"), TestData.Zstd(Image));
            File.WriteAllBytes(Path.Combine(www, "disk.raw.gz"), TestData.Gzip(Image));
        });

    public async Task DisposeAsync() => await _nginx.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _targets.Dispose();
    }

    [Theory]
    [InlineData("disk.raw")]
    [InlineData("disk.raw.zst")]
    [InlineData("disk.raw.gz")]
    public async Task Stream_FromNginxThroughDrops_ResumesAndVerifies(string name)
    {
        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _nginx.Port), cutAfter: 900_000, drops: 2);
        var target = _targets.File(name + ".out");
        var options = new ImageStreamOptions { ExpectedSha256 = TestData.Sha256Hex(Image), ResumeDelay = TimeSpan.FromMilliseconds(20) };
        var result = await new ImageStreamClient(_http).StreamToFileAsync(proxy.Rewrite(_nginx.Url(name)), target, options);
        Assert.Equal(2, result.Resumes);
        Assert.StartsWith("\"", result.EntityTag, StringComparison.Ordinal);
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Stream_FromNginxChangedDuringDrop_FailsWithSourceChanged()
    {
        var path = Path.Combine(_nginx.WebRoot, "disk.raw");
        await using var proxy = new DroppingProxy(new IPEndPoint(IPAddress.Loopback, _nginx.Port), cutAfter: 900_000, drops: 1, onCut: () =>
        {
            File.WriteAllBytes(path, TestData.Bytes(Image.Length, seed: 6));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        });
        var options = new ImageStreamOptions { ExpectedSha256 = TestData.Sha256Hex(Image), ResumeDelay = TimeSpan.FromMilliseconds(20) };
        var e = await Assert.ThrowsAsync<ImageStreamException>(() => new ImageStreamClient(_http).StreamToFileAsync(proxy.Rewrite(_nginx.Url("disk.raw")), _targets.File("x"), options));
        Assert.Equal(ImageStreamFailure.SourceChanged, e.Failure);
    }
}
