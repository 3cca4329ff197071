namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>curl inside the lab's client namespace, against the host at 192.0.2.1.</summary>
internal static class Curl
{
    private const string Marker = "\n--curl-status--";

    public static string Url(string path) => $"http://{NetworkLab.ServerAddress}:{HostProcess.HttpPort}{path}";

    public static async Task<HttpAnswer> SendAsync(NetworkLab lab, string method, string path, string? token = null, string? body = null, params string[] extra)
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
            return new HttpAnswer(int.Parse(tail[0], System.Globalization.CultureInfo.InvariantCulture), tail.Length > 1 ? tail[1] : "", output[..at], File.Exists(headersFile) ? await File.ReadAllTextAsync(headersFile) : "");
        }
        finally
        {
            File.Delete(headersFile);
        }
    }

    public static Task<HttpAnswer> GetAsync(NetworkLab lab, string path, string? token = null, params string[] extra) =>
        SendAsync(lab, "GET", path, token, null, extra);

    public static Task<HttpAnswer> PostAsync(NetworkLab lab, string path, string? token, string body) =>
        SendAsync(lab, "POST", path, token, body);
}
