using System.Globalization;
using BareMetal.Images;

// usage: ImagesBenchClient URL TARGET [SHA256] [--download-sha256 HEX] [--managed-zstd] [--direct]
//   SHA256: of the image written (output-digest mode); --download-sha256: of the file as served (download-digest
//   mode when SHA256 is left out; both digests when both are given).
const string Usage = "usage: ImagesBenchClient URL TARGET [SHA256] [--download-sha256 HEX] [--managed-zstd] [--direct]";
var positional = new List<string>();
string? downloadSha256 = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--download-sha256")
    {
        if (i + 1 >= args.Length)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        downloadSha256 = args[++i];
    }
    else if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        positional.Add(args[i]);
    }
}

if (positional.Count < 2)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

using var http = new HttpClient();
var options = new ImageStreamOptions
{
    ExpectedSha256 = positional.Count > 2 ? positional[2] : null,
    ExpectedDownloadSha256 = downloadSha256,
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
        $"wrote {result.BytesWritten} bytes ({result.Decompression}, {(result.NativeZstd ? "libzstd" : "managed")}, {(result.DirectWrites ? "O_DIRECT" : "page cache")}) from {result.BytesReceived} received in {seconds:F3} s = {result.BytesWritten / seconds / 1048576:F0} MiB/s, sha256 {result.Sha256 ?? "(output not hashed)"}, download sha256 {result.DownloadSha256 ?? "(not hashed)"}, Repr-Digest verified {result.ServerDigestVerified}, resumes {result.Resumes}"));
    return 0;
}
catch (ImageStreamException e)
{
    Console.Error.WriteLine($"error ({e.Failure}): {e.Message}");
    return 1;
}
