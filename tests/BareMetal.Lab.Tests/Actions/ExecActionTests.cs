using System.Diagnostics;
using System.Globalization;
using BareMetal.LabAgent.Actions;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>The exec action with real /bin/sh commands.</summary>
public sealed class ExecActionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Exec_OutputEnvironmentAndWorkingDirectory_ReachTheLog()
    {
        var log = new ActionLog();
        var result = await Run($$"""
            {"command":"/bin/sh","args":["-c","echo \"$GREETING from $(pwd)\"; echo warning >&2; printf 'no newline'"],
             "env":{"GREETING":"hello world"},"workingDirectory":"{{_dir.Path}}"}
            """, log);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("/bin/sh exited with 0", result.Message);
        var lines = log.Snapshot();
        Assert.Equal(LogSource.Agent, lines[0].Stream);
        Assert.Contains(new ActionLogLine(lines.First(l => l.Stream == LogSource.Stdout).Time, LogSource.Stdout, $"hello world from {_dir.Path}"), lines);
        Assert.Contains(lines, l => l is { Stream: LogSource.Stderr, Text: "warning" });
        Assert.Contains(lines, l => l is { Stream: LogSource.Stdout, Text: "no newline" });
    }

    [Fact]
    public async Task Exec_NonZeroExit_IsAFailureWithThatExitCode()
    {
        var result = await Run("""{"command":"/bin/sh","args":["-c","exit 7"]}""");
        Assert.Equal((ActionState.Failed, 7, "/bin/sh exited with 7"), (result.State, result.ExitCode, result.Message));
    }

    [Fact]
    public async Task Exec_ClearEnv_PassesOnlyTheGivenVariablesAndPath()
    {
        var log = new ActionLog();
        Environment.SetEnvironmentVariable("H17_AGENT_SECRET", "should-not-leak");
        var result = await Run("""{"command":"/usr/bin/env","clearEnv":true,"env":{"ONLY":"this"}}""", log);
        Assert.True(result.Succeeded, result.Message);
        var names = log.Snapshot().Where(l => l.Stream == LogSource.Stdout).Select(l => l.Text.Split('=')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(["ONLY", "PATH"], names);
    }

    [Fact]
    public async Task Exec_Timeout_KillsTheWholeProcessTree()
    {
        // The shell starts two background sleeps and waits: all three must be gone after the timeout.
        var pids = _dir.File("pids");
        var stopwatch = Stopwatch.StartNew();
        var result = await Run($$"""
            {"command":"/bin/sh","args":["-c","sleep 300 & echo $! > {{pids}}; sleep 300 & echo $! >> {{pids}}; echo $$ >> {{pids}}; wait"],"timeout":1}
            """);
        Assert.Equal((ActionState.TimedOut, 124), (result.State, result.ExitCode));
        Assert.Equal("/bin/sh did not exit within 1 s: its process tree was killed", result.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
        var started = File.ReadAllLines(pids).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, started.Length);
        foreach (var pid in started)
        {
            Assert.True(IsGone(pid), $"process {pid} survived the timeout");
        }
    }

    [Fact]
    public async Task Exec_ActionTimeout_StopsTheCommandThroughTheRegistry()
    {
        var registry = new ActionRegistry([new ExecAction()]);
        var result = await registry.RunAsync(Contexts.For("exec", """{"command":"/bin/sleep","args":["300"]}""", timeout: 1), CancellationToken.None);
        Assert.Equal(ActionState.TimedOut, result.State);
    }

    [Theory]
    [InlineData("""{"args":["x"]}""", "action 3 (exec): parameter 'command' is missing: name the program, e.g. /bin/sh")]
    [InlineData("""{"command":"/bin/true","timeout":0}""", "action 3 (exec): parameter 'timeout' is 0: give seconds > 0, or leave it out")]
    [InlineData("""{"command":"/bin/true","workingDirectory":"/nonexistent-h17"}""", "action 3 (exec): parameter 'workingDirectory' '/nonexistent-h17' is not a directory")]
    public async Task Exec_InvalidParameters_FailWithTheFix(string json, string message) =>
        Assert.Equal(message, (await Run(json)).Message);

    [Fact]
    public async Task Exec_MissingProgram_Is127()
    {
        var result = await Run("""{"command":"/nonexistent/h17-tool"}""");
        Assert.Equal((ActionState.Failed, 127), (result.State, result.ExitCode));
        Assert.StartsWith("cannot start '/nonexistent/h17-tool': ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_KilledBySignal_SaysWhichSignal()
    {
        var result = await Run("""{"command":"/bin/sh","args":["-c","kill -TERM $$"]}""");
        Assert.Equal((ActionState.Failed, 143, "/bin/sh was killed by signal 15 (exit code 143)"), (result.State, result.ExitCode, result.Message));
    }

    [Fact]
    public async Task Exec_CommandFromTheHostsImages_IsDownloadedVerifiedAndRun()
    {
        var script = "#!/bin/sh\necho fetched \"$1\"\n"u8.ToArray();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(script));
        using var http = new HttpClient(new OneFile("/images/tools/hello.sh", script));
        var log = new ActionLog();
        var result = await new ExecAction(http).RunAsync(
            Contexts.For("exec", $$"""{"command":"http://192.0.2.1:8080/images/tools/hello.sh","args":["from the host"],"sha256":"{{sha.ToUpperInvariant()}}"}""", log: log),
            CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(log.Snapshot(), l => l is { Stream: LogSource.Stdout, Text: "fetched from the host" });
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "baremetal-exec-3-hello.sh")));

        result = await new ExecAction(http).RunAsync(
            Contexts.For("exec", $$"""{"command":"http://192.0.2.1:8080/images/tools/hello.sh","sha256":"{{new string('0', 64)}}"}"""),
            CancellationToken.None);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.EndsWith($"has SHA-256 {sha}, not the expected {new string('0', 64)}; not run", result.Message, StringComparison.Ordinal);
    }

    private sealed class OneFile(string path, byte[] content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri!.AbsolutePath == path
                ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(content) }
                : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
    }

    private static bool IsGone(int pid)
    {
        // Gone, or a zombie waiting for its reaper: either way it no longer runs.
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                var text = File.ReadAllText(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }

    private static Task<ActionResult> Run(string json, ActionLog? log = null) =>
        new ExecAction().RunAsync(Contexts.For("exec", json, log: log), CancellationToken.None);
}
