using System.Diagnostics;

namespace BareMetal.Images.Tests;

/// <summary>Runs the real curl binary as an outside HTTP client and reads back status, headers and body.</summary>
public static class Curl
{
    public sealed record Result(int ExitCode, int Status, Dictionary<string, string> Headers, byte[] Body, string Stderr)
    {
        public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
    }

    public static async Task<Result> RunAsync(string url, params string[] extra)
    {
        using var scratch = new TempDirectory();
        var headersFile = scratch.File("headers");
        var bodyFile = scratch.File("body");
        var psi = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var ownOutput = !extra.Contains("-o");
        foreach (var a in ownOutput ? ["-sS", "--max-time", "30", "-D", headersFile, "-o", bodyFile] : new[] { "-sS", "--max-time", "30", "-D", headersFile })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var a in extra)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add(url);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await process.WaitForExitAsync(timeout.Token);

        var headers = new Dictionary<string, string>();
        var status = 0;
        if (File.Exists(headersFile))
        {
            foreach (var line in await File.ReadAllLinesAsync(headersFile))
            {
                if (line.StartsWith("HTTP/", StringComparison.Ordinal))
                {
                    // A new response block (e.g. after 100 Continue): keep only the last.
                    headers.Clear();
                    status = int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
                }
            }
        }

        var body = File.Exists(bodyFile) ? await File.ReadAllBytesAsync(bodyFile) : [];
        return new Result(process.ExitCode, status, headers, body, await stderr);
    }
}
