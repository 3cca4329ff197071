using System.Globalization;
using BareMetal.Images;

// usage: ImagesBenchClient URL TARGET [SHA256] [--managed-zstd] [--direct]
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
if (positional.Length < 2)
{
    Console.Error.WriteLine("usage: ImagesBenchClient URL TARGET [SHA256] [--managed-zstd] [--direct]");
    return 2;
}

using var http = new HttpClient();
var options = new ImageStreamOptions
{
    ExpectedSha256 = positional.Length > 2 ? positional[2] : null,
    FlushToDisk = false,
    PreferNativeZstd = !args.Contains("--managed-zstd"),
    DirectWrites = args.Contains("--direct"),
};
try
{
    var result = await new ImageStreamClient(http).StreamToFileAsync(new Uri(positional[0]), positional[1], options);
    var seconds = result.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"wrote {result.BytesWritten} bytes ({result.Decompression}, {(result.NativeZstd ? "libzstd" : "managed")}, {(result.DirectWrites ? "O_DIRECT" : "page cache")}) from {result.BytesReceived} received in {seconds:F3} s = {result.BytesWritten / seconds / 1048576:F0} MiB/s, sha256 {result.Sha256}, resumes {result.Resumes}"));
    return 0;
}
catch (ImageStreamException e)
{
    Console.Error.WriteLine($"error ({e.Failure}): {e.Message}");
    return 1;
}
