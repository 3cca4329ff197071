namespace BareMetal.Images.Tests;

/// <summary>Hostile paths and requests against a real Kestrel: the right status, a log line, no crash, no leak.</summary>
public sealed class ImageServerBadInputTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Disk = TestData.Bytes(64 * 1024);
    private TempDirectory _outside = null!;
    private ImageServerHost _server = null!;

    public async Task InitializeAsync()
    {
        _outside = new TempDirectory();
        await File.WriteAllTextAsync(_outside.File("secret.txt"), "top secret outside the root");
        _server = await ImageServerHost.StartAsync(populate: root =>
        {
            File.WriteAllBytes(root.File("disk.raw"), Disk);
            File.WriteAllText(root.File(".secret"), "hidden");
            Directory.CreateDirectory(root.File("debian"));
            File.WriteAllBytes(root.File("debian/vmlinuz"), Disk);
            File.CreateSymbolicLink(root.File("escape.img"), _outside.File("secret.txt"));
            Directory.CreateSymbolicLink(root.File("outdir"), _outside.Path);
            File.CreateSymbolicLink(root.File("alias.raw"), root.File("disk.raw"));
            File.CreateSymbolicLink(root.File("tohidden.img"), root.File(".secret"));
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _outside.Dispose();
    }

    public void Dispose() => _outside.Dispose();

    private string Base => $"http://127.0.0.1:{_server.BaseUri.Port}";

    [Theory]
    [InlineData("/images/debian/../disk.raw", 400, "DotSegment")]
    [InlineData("/images/debian/%2e%2e/disk.raw", 400, "DotSegment")]
    [InlineData("/images/debian%2Fvmlinuz", 400, "EncodedSeparator")]
    [InlineData("/images/debian%5cvmlinuz", 400, "EncodedSeparator")]
    [InlineData("/images/.secret", 404, "Dotfile")]
    [InlineData("/images/debian//vmlinuz", 400, "EmptySegment")]
    [InlineData("/images/escape.img", 404, "OutsideRoot")]
    [InlineData("/images/outdir/secret.txt", 404, "OutsideRoot")]
    [InlineData("/images/tohidden.img", 404, "OutsideRoot")]
    [InlineData("/images/debian", 404, "NotFound")]
    [InlineData("/images/missing.iso", 404, "NotFound")]
    public async Task Get_HostilePath_IsRefusedAndLogged(string path, int status, string reason)
    {
        var r = await Curl.RunAsync(Base + path, "--path-as-is");
        Assert.Equal(status, r.Status);
        Assert.DoesNotContain("secret", System.Text.Encoding.ASCII.GetString(r.Body), StringComparison.Ordinal);
        Assert.True(_server.Logs.Contains(reason), $"a log line names {reason}");
    }

    [Fact]
    public async Task Get_TraversalAboveTheEndpoint_NeverReachesAFile()
    {
        // Kestrel normalises this to /etc/passwd, which no endpoint maps: the server answers 404 itself.
        var r = await Curl.RunAsync(Base + "/images/../../../../etc/passwd", "--path-as-is");
        Assert.Equal(404, r.Status);
        Assert.DoesNotContain("root:", System.Text.Encoding.ASCII.GetString(r.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EncodedNul_IsRejected()
    {
        var r = await Curl.RunAsync(Base + "/images/disk%00.raw", "--path-as-is");
        Assert.Equal(400, r.Status);
    }

    [Fact]
    public async Task Get_OverLongName_Returns414()
    {
        var r = await Curl.RunAsync(Base + "/images/" + new string('a', 300) + ".img");
        Assert.Equal(414, r.Status);
        Assert.True(_server.Logs.Contains("TooLong"));
    }

    [Fact]
    public async Task Get_SymlinkInsideRoot_IsServed()
    {
        var r = await Curl.RunAsync(Base + "/images/alias.raw");
        Assert.Equal(200, r.Status);
        Assert.Equal(Disk, r.Body);
    }

    [Fact]
    public async Task Post_IsNotAllowed()
    {
        var r = await Curl.RunAsync(Base + "/images/disk.raw", "-X", "POST", "-d", "x");
        Assert.Equal(405, r.Status);
    }

    [Fact]
    public async Task Get_ThousandsOfRanges_AreCappedAndTheServerStaysUp()
    {
        var spec = "bytes=" + string.Join(',', Enumerable.Range(0, 1500).Select(i => $"{i * 2}-{i * 2}"));
        var r = await Curl.RunAsync(Base + "/images/disk.raw", "-H", "Range: " + spec);
        Assert.Equal(416, r.Status);
        Assert.True(_server.Logs.Contains("TooManyRanges"));
        var after = await Curl.RunAsync(Base + "/images/disk.raw");
        Assert.Equal(Disk, after.Body);
    }
}
