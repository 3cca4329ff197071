using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol on --remote-debugging-pipe (two FIFOs: messages
/// are JSON, each ended by a NUL byte), so no debugging port is opened. Started with the flags that keep it from
/// making any outside connection and a fresh profile; it runs as any user (--no-sandbox).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly FileStream _commands;
    private readonly FileStream _replies;
    private readonly string _folder;
    private readonly List<byte> _pending = [];
    private int _nextId;
    private string? _sessionId;

    private HeadlessChromium(Process process, StringBuilder log, FileStream commands, FileStream replies, string folder)
    {
        _process = process;
        _log = log;
        _commands = commands;
        _replies = replies;
        _folder = folder;
    }

    public static async Task<HeadlessChromium> StartAsync(Uri url)
    {
        var folder = Directory.CreateTempSubdirectory("bmho-chromium-").FullName;
        var input = Path.Combine(folder, "in.fifo");
        var output = Path.Combine(folder, "out.fifo");
        await ProcessRunner.CheckAsync("mkfifo", input, output);
        var flags = string.Join(' ', [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--remote-debugging-pipe",
            $"--user-data-dir={Path.Combine(folder, "profile")}",
        ]);
        var (process, log) = ProcessRunner.Start("sh", ["-c", $"exec chromium {flags} '{url}' 3<{input} 4>{output}"]);

        // The shell opens fd 3 (our write end) before fd 4 (our read end); open ours in the same order.
        var open = Task.Run(() =>
        {
            var commands = new FileStream(input, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            var replies = new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            return (commands, replies);
        });
        if (await Task.WhenAny(open, Task.Delay(TimeSpan.FromSeconds(30))) != open)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not open its debugging pipe:\n{log}");
        }

        var (commandStream, replyStream) = await open;
        var browser = new HeadlessChromium(process, log, commandStream, replyStream, folder);
        await browser.AttachToPageAsync();
        return browser;
    }

    private async Task AttachToPageAsync()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var targets = await SendAsync("Target.getTargets", null, browserLevel: true);
            var page = targets["targetInfos"]!.AsArray().FirstOrDefault(t => t!["type"]!.GetValue<string>() == "page");
            if (page is not null)
            {
                var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = page["targetId"]!.GetValue<string>(), ["flatten"] = true }, browserLevel: true);
                _sessionId = attached["sessionId"]!.GetValue<string>();
                return;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"chromium opened no page:\n{_log}");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, browserLevel: false);
        return result["result"]?["value"];
    }

    /// <summary>Polls <paramref name="expression"/> until <paramref name="accept"/> holds (at most 20 s); returns the last value.</summary>
    public async Task<JsonNode?> WaitForAsync(string expression, Func<JsonNode?, bool> accept)
    {
        JsonNode? value = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            value = await EvaluateAsync(expression);
            if (accept(value))
            {
                return value;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the page never satisfied the condition; last value: {value?.ToJsonString()}");
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject? parameters, bool browserLevel)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (!browserLevel)
        {
            message["sessionId"] = _sessionId;
        }

        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _commands.WriteAsync(bytes);
        await _commands.WriteAsync(new byte[] { 0 });
        await _commands.FlushAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var reply = await ReadMessageAsync(timeout.Token);
            if (reply["id"]?.GetValue<int>() != id)
            {
                continue; // an event or another reply
            }

            if (reply["error"] is { } error)
            {
                throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
            }

            return reply["result"]!.AsObject();
        }
    }

    private async Task<JsonObject> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        while (true)
        {
            var end = _pending.IndexOf(0);
            if (end >= 0)
            {
                var text = Encoding.UTF8.GetString(_pending.GetRange(0, end).ToArray());
                _pending.RemoveRange(0, end + 1);
                return JsonNode.Parse(text)!.AsObject();
            }

            var read = await _replies.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new InvalidOperationException($"chromium closed its debugging pipe:\n{_log}");
            }

            _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                var close = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = ++_nextId, method = "Browser.close" }));
                await _commands.WriteAsync(close);
                await _commands.WriteAsync(new byte[] { 0 });
                await _commands.FlushAsync();
            }
        }
        catch (IOException)
        {
            // Already gone.
        }

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        await _commands.DisposeAsync();
        await _replies.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
