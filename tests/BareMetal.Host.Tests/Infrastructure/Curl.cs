using System.Text.Json;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>An HTTP answer as curl reported it.</summary>
internal sealed record CurlResponse(int Status, string ContentType, string Body, string Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>curl inside the lab's client namespace, against the host at 192.0.2.1.</summary>
internal static class Curl
{
    private const string Marker = "\n--curl-status--";

    public static string Url(string path) => $"http://{NetworkLab.ServerAddress}:{HostProcess.HttpPort}{path}";

    public static async Task<CurlResponse> SendAsync(NetworkLab lab, string method, string path, string? token = null, string? body = null, params string[] extra)
    {
        var headersFile = Path.Combine(Path.GetTempPath(), $"bmho-h-{Guid.NewGuid():N}");
        try
        {
            List<string> args = ["curl", "-s", "-S", "-m", "20", "-X", method, "-D", headersFile, "-w", Marker + "%{http_code} %{content_type}"];
            if (token is not null)
            {
                args.AddRange(["-H", $"Authorization: Bearer {token}"]);
            }

            if (body is not null)
            {
                args.AddRange(["-H", "Content-Type: application/json", "--data-binary", body]);
            }

            args.AddRange(extra);
            args.Add(Url(path));
            var result = await lab.InClientAsync(TimeSpan.FromSeconds(30), [.. args]);
            Assert.True(result.ExitCode == 0, $"curl {method} {path} failed: {result}");
            var output = result.StandardOutput;
            var at = output.LastIndexOf(Marker, StringComparison.Ordinal);
            var tail = output[(at + Marker.Length)..].Split(' ', 2);
            return new CurlResponse(int.Parse(tail[0], System.Globalization.CultureInfo.InvariantCulture), tail.Length > 1 ? tail[1] : "", output[..at], File.Exists(headersFile) ? await File.ReadAllTextAsync(headersFile) : "");
        }
        finally
        {
            File.Delete(headersFile);
        }
    }

    public static Task<CurlResponse> GetAsync(NetworkLab lab, string path, string? token = null, params string[] extra) =>
        SendAsync(lab, "GET", path, token, null, extra);

    public static Task<CurlResponse> PostAsync(NetworkLab lab, string path, string? token, string body) =>
        SendAsync(lab, "POST", path, token, body);

    /// <summary>Downloads to a file (binary bodies) and returns the status code.</summary>
    public static async Task<int> DownloadAsync(NetworkLab lab, string url, string target, params string[] extra)
    {
        var result = await lab.InClientAsync(TimeSpan.FromSeconds(60), ["curl", "-s", "-S", "-m", "50", "-o", target, "-w", "%{http_code}", .. extra, url]);
        Assert.True(result.ExitCode == 0, $"curl {url} failed: {result}");
        return int.Parse(result.StandardOutput, System.Globalization.CultureInfo.InvariantCulture);
    }
}
