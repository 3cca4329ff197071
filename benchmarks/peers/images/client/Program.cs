using System.Globalization;
using BareMetal.Images;

// usage: ImagesBenchClient URL TARGET [SHA256]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ImagesBenchClient URL TARGET [SHA256]");
    return 2;
}

using var http = new HttpClient();
var options = new ImageStreamOptions { ExpectedSha256 = args.Length > 2 ? args[2] : null, FlushToDisk = false };
try
{
    var result = await new ImageStreamClient(http).StreamToFileAsync(new Uri(args[0]), args[1], options);
    var seconds = result.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"wrote {result.BytesWritten} bytes ({result.Decompression}) from {result.BytesReceived} received in {seconds:F3} s = {result.BytesWritten / seconds / 1048576:F0} MiB/s, sha256 {result.Sha256}, resumes {result.Resumes}"));
    return 0;
}
catch (ImageStreamException e)
{
    Console.Error.WriteLine($"error ({e.Failure}): {e.Message}");
    return 1;
}
