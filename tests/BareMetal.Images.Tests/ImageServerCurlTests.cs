using System.Globalization;
using System.Text;

namespace BareMetal.Images.Tests;

/// <summary>The endpoints on a real Kestrel, driven by curl: full bodies, ranges, validators and conditionals.</summary>
public sealed class ImageServerCurlTests : IAsyncLifetime
{
    private static readonly byte[] Disk = TestData.Bytes(3 * 1024 * 1024 + 123);
    private ImageServerHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ImageServerHost.StartAsync(populate: root =>
        {
            File.WriteAllBytes(root.File("disk.raw"), Disk);
            Directory.CreateDirectory(root.File("debian"));
            File.WriteAllBytes(root.File("debian/vmlinuz"), Disk.AsSpan(0, 1000).ToArray());
            File.WriteAllBytes(root.File("empty.img"), []);
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url(string relative) => _server.Url(relative).ToString();

    [Fact]
    public async Task Get_WholeFile_ReturnsBytesAndValidators()
    {
        var r = await Curl.RunAsync(Url("disk.raw"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(200, r.Status);
        Assert.Equal(Disk, r.Body);
        Assert.Equal("bytes", r.Header("Accept-Ranges"));
        Assert.Equal("application/octet-stream", r.Header("Content-Type"));
        Assert.Equal(Disk.Length.ToString(CultureInfo.InvariantCulture), r.Header("Content-Length"));
        Assert.Matches("^\"[0-9a-f]+-[0-9a-f]+\"$", r.Header("ETag"));
        var lastModified = DateTimeOffset.ParseExact(r.Header("Last-Modified")!, "r", CultureInfo.InvariantCulture);
        Assert.InRange(lastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(ReprDigest.FormatSha256(System.Security.Cryptography.SHA256.HashData(Disk)), r.Header("Repr-Digest"));
    }

    [Fact]
    public async Task Get_KernelInSubdirectory_HasKernelContentType()
    {
        var r = await Curl.RunAsync(Url("debian/vmlinuz"));
        Assert.Equal(200, r.Status);
        Assert.Equal("application/x-linux-kernel", r.Header("Content-Type"));
        Assert.Equal(1000, r.Body.Length);
    }

    [Fact]
    public async Task Head_SameHeadersNoBody()
    {
        var get = await Curl.RunAsync(Url("disk.raw"));
        var head = await Curl.RunAsync(Url("disk.raw"), "-I");
        Assert.Equal(200, head.Status);

        // curl -I writes the header block to the output: nothing but headers arrived.
        Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(head.Body), StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", Encoding.ASCII.GetString(head.Body), StringComparison.Ordinal);
        foreach (var name in new[] { "ETag", "Last-Modified", "Content-Length", "Content-Type", "Accept-Ranges", "Repr-Digest" })
        {
            Assert.Equal(get.Header(name), head.Header(name));
        }
    }

    [Theory]
    [InlineData("0-99", 0, 100)]
    [InlineData("1048576-", 1048576, -1)]
    [InlineData("-500", -500, 500)]
    [InlineData("100-99999999999", 100, -1)]
    public async Task Get_SingleRange_Returns206WithContentRange(string spec, long start, long length)
    {
        var first = start < 0 ? Disk.Length + start : start;
        var count = length < 0 ? Disk.Length - first : length;
        var r = await Curl.RunAsync(Url("disk.raw"), "-H", $"Range: bytes={spec}");
        Assert.Equal(206, r.Status);
        Assert.Equal($"bytes {first}-{first + count - 1}/{Disk.Length}", r.Header("Content-Range"));
        Assert.Equal(Disk.AsSpan((int)first, (int)count).ToArray(), r.Body);
        Assert.NotNull(r.Header("Repr-Digest"));
    }

    [Fact]
    public async Task Get_MultipleRanges_ReturnsMultipartByteranges()
    {
        var r = await Curl.RunAsync(Url("disk.raw"), "-H", "Range: bytes=0-9, 2000000-2000099, -5");
        Assert.Equal(206, r.Status);
        var contentType = r.Header("Content-Type")!;
        Assert.StartsWith("multipart/byteranges; boundary=", contentType, StringComparison.Ordinal);
        Assert.Equal(r.Body.Length.ToString(CultureInfo.InvariantCulture), r.Header("Content-Length"));
        var boundary = contentType["multipart/byteranges; boundary=".Length..];
        var parts = ParseMultipart(r.Body, boundary);
        Assert.Equal(3, parts.Count);
        Assert.Equal($"bytes 0-9/{Disk.Length}", parts[0].ContentRange);
        Assert.Equal(Disk[..10], parts[0].Body);
        Assert.Equal($"bytes 2000000-2000099/{Disk.Length}", parts[1].ContentRange);
        Assert.Equal(Disk.AsSpan(2000000, 100).ToArray(), parts[1].Body);
        Assert.Equal($"bytes {Disk.Length - 5}-{Disk.Length - 1}/{Disk.Length}", parts[2].ContentRange);
        Assert.Equal(Disk[^5..], parts[2].Body);
        Assert.All(parts, p => Assert.Equal("application/octet-stream", p.ContentType));
    }

    [Theory]
    [InlineData("bytes=999999999-")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=10-5")]
    [InlineData("bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13,14-14,15-15,16-16")]
    [InlineData("bytes=0-,0-,0-")]
    public async Task Get_BadOrUnsatisfiableRange_Returns416WithLength(string range)
    {
        var r = await Curl.RunAsync(Url("disk.raw"), "-H", "Range: " + range);
        Assert.Equal(416, r.Status);
        Assert.Equal($"bytes */{Disk.Length}", r.Header("Content-Range"));
        Assert.Empty(r.Body);
        Assert.True(_server.Logs.Contains("not satisfiable"), "the refusal is logged");
    }

    [Fact]
    public async Task Get_UnknownRangeUnit_IsIgnored()
    {
        var r = await Curl.RunAsync(Url("disk.raw"), "-H", "Range: items=0-1");
        Assert.Equal(200, r.Status);
        Assert.Equal(Disk.Length, r.Body.Length);
    }

    [Fact]
    public async Task Get_EmptyFileWithRange_Returns416()
    {
        var r = await Curl.RunAsync(Url("empty.img"), "-H", "Range: bytes=0-");
        Assert.Equal(416, r.Status);
        Assert.Equal("bytes */0", r.Header("Content-Range"));
        var whole = await Curl.RunAsync(Url("empty.img"));
        Assert.Equal(200, whole.Status);
        Assert.Empty(whole.Body);
    }

    [Fact]
    public async Task Head_WithRange_IgnoresTheRange()
    {
        var r = await Curl.RunAsync(Url("disk.raw"), "-I", "-H", "Range: bytes=0-9");
        Assert.Equal(200, r.Status);
        Assert.Equal(Disk.Length.ToString(CultureInfo.InvariantCulture), r.Header("Content-Length"));
    }

    [Fact]
    public async Task Conditionals_IfNoneMatchAndIfModifiedSince_Return304()
    {
        var first = await Curl.RunAsync(Url("disk.raw"), "-I");
        var etag = first.Header("ETag")!;
        var lastModified = first.Header("Last-Modified")!;

        var byTag = await Curl.RunAsync(Url("disk.raw"), "-H", $"If-None-Match: \"other\", {etag}");
        Assert.Equal(304, byTag.Status);
        Assert.Empty(byTag.Body);
        Assert.Equal(etag, byTag.Header("ETag"));

        var weakTag = await Curl.RunAsync(Url("disk.raw"), "-H", $"If-None-Match: W/{etag}");
        Assert.Equal(304, weakTag.Status);

        var byDate = await Curl.RunAsync(Url("disk.raw"), "-H", $"If-Modified-Since: {lastModified}");
        Assert.Equal(304, byDate.Status);

        // §13.2.2: If-None-Match wins over If-Modified-Since.
        var both = await Curl.RunAsync(Url("disk.raw"), "-H", "If-None-Match: \"other\"", "-H", $"If-Modified-Since: {lastModified}");
        Assert.Equal(200, both.Status);

        var older = await Curl.RunAsync(Url("disk.raw"), "-H", "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT");
        Assert.Equal(200, older.Status);

        var garbage = await Curl.RunAsync(Url("disk.raw"), "-H", "If-Modified-Since: yesterday-ish");
        Assert.Equal(200, garbage.Status);
    }

    [Fact]
    public async Task Conditionals_IfMatchMismatch_Returns412()
    {
        var r = await Curl.RunAsync(Url("disk.raw"), "-H", "If-Match: \"nope\"");
        Assert.Equal(412, r.Status);
        var star = await Curl.RunAsync(Url("disk.raw"), "-I", "-H", "If-Match: *");
        Assert.Equal(200, star.Status);
        var unmodified = await Curl.RunAsync(Url("disk.raw"), "-H", "If-Unmodified-Since: Sat, 01 Jan 2000 00:00:00 GMT");
        Assert.Equal(412, unmodified.Status);
    }

    [Fact]
    public async Task IfRange_MatchingTagOrDate_HonoursRangeElseWholeFile()
    {
        var head = await Curl.RunAsync(Url("disk.raw"), "-I");
        var etag = head.Header("ETag")!;

        var match = await Curl.RunAsync(Url("disk.raw"), "-H", "Range: bytes=10-19", "-H", $"If-Range: {etag}");
        Assert.Equal(206, match.Status);
        Assert.Equal(Disk[10..20], match.Body);

        var byDate = await Curl.RunAsync(Url("disk.raw"), "-H", "Range: bytes=10-19", "-H", $"If-Range: {head.Header("Last-Modified")}");
        Assert.Equal(206, byDate.Status);

        var stale = await Curl.RunAsync(Url("disk.raw"), "-H", "Range: bytes=10-19", "-H", "If-Range: \"stale\"");
        Assert.Equal(200, stale.Status);
        Assert.Equal(Disk, stale.Body);

        var weak = await Curl.RunAsync(Url("disk.raw"), "-H", "Range: bytes=10-19", "-H", $"If-Range: W/{etag}");
        Assert.Equal(200, weak.Status);
    }

    [Fact]
    public async Task Curl_ContinueAt_ResumesAPartialDownload()
    {
        using var scratch = new TempDirectory();
        var partial = scratch.File("disk.part");
        await File.WriteAllBytesAsync(partial, Disk[..1_000_000]);
        var r = await Curl.RunAsync(Url("disk.raw"), "-C", "-", "-o", partial);
        Assert.Equal(206, r.Status);
        Assert.Equal(Disk, await File.ReadAllBytesAsync(partial));
    }

    [Fact]
    public async Task Etag_ChangesWhenTheFileChanges()
    {
        var before = (await Curl.RunAsync(Url("debian/vmlinuz"), "-I")).Header("ETag");
        await File.WriteAllBytesAsync(_server.Root.File("debian/vmlinuz"), Disk.AsSpan(0, 1001).ToArray());
        var after = await Curl.RunAsync(Url("debian/vmlinuz"), "-I");
        Assert.NotEqual(before, after.Header("ETag"));
        Assert.Equal("1001", after.Header("Content-Length"));
        var stale = await Curl.RunAsync(Url("debian/vmlinuz"), "-H", $"If-None-Match: {before}");
        Assert.Equal(200, stale.Status);
        Assert.Equal(ReprDigest.FormatSha256(System.Security.Cryptography.SHA256.HashData(Disk.AsSpan(0, 1001))), stale.Header("Repr-Digest"));
    }

    internal static List<(string ContentType, string ContentRange, byte[] Body)> ParseMultipart(byte[] body, string boundary)
    {
        var parts = new List<(string, string, byte[])>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var position = body.AsSpan().IndexOf(delimiter);
        Assert.Equal(0, position);
        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                Assert.Equal("--\r\n"u8.ToArray(), body[position..]);
                return parts;
            }

            var headerEnd = body.AsSpan(position).IndexOf("\r\n\r\n"u8) + position;
            var headerText = Encoding.ASCII.GetString(body, position, headerEnd - position);
            var headers = headerText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(':', 2))
                .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            var dataStart = headerEnd + 4;
            var next = body.AsSpan(dataStart).IndexOf(Encoding.ASCII.GetBytes("\r\n--" + boundary)) + dataStart;
            parts.Add((headers["content-type"], headers["content-range"], body[dataStart..next]));
            position = next + 2;
        }
    }
}
