using System.Net;
using BareMetal.LabAgent.Actions;
using BareMetal.Testing;
using static BareMetal.Lab.Tests.Actions.OciLayoutBuilder;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>
/// The oci action on an image layout built here from a static busybox and tar layers: a lower layer with files, a
/// directory and a symlink; an upper layer that whites out a file and makes a directory opaque. The entrypoint runs
/// chrooted (as root: it mounts tmpfs and binds /dev, /proc, /sys), and its output and exit code are the action's.
/// </summary>
public sealed class OciActionTests : IDisposable
{
    private const string Script = """
        echo "GREETING=$GREETING IMAGE_ENV=$IMAGE_ENV PWD=$(pwd)"
        echo "opaque: $(ls /data/opaque | tr '\n' ' ')"
        test -e /etc/removed.txt && echo "removed.txt survived"
        echo "keep: $(cat /data/keep.txt) link: $(cat /data/link.txt) hard: $(cat /data/hard.txt)"
        test -c /dev/null && echo dev-ok
        test -r /proc/self/status && echo proc-ok
        test -d /sys/class && echo sys-ok
        ls -ln /data/owned.txt | awk '{print "owner:", $3, $4, $1}'
        echo to-stderr >&2
        exit ${EXIT_CODE:-0}
        """;

    private readonly TempDir _dir = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _dir.Dispose();
        _http.Dispose();
    }

    [InteropFact]
    public async Task Run_LayersWhiteoutsEnvironmentAndMounts()
    {
        var layout = BuildLayout(out _);
        var log = new ActionLog();
        var result = await Run($$"""{"image":"{{layout}}","environment":{"GREETING":"from-action","EXIT_CODE":"0"} }""", log);
        var output = Stdout(log);
        Assert.True(result.Succeeded, result.Message + "\n" + string.Join('\n', log.Snapshot().Select(l => l.Text)));
        Assert.Equal($"{layout} (/bin/sh) exited with 0", result.Message);
        Assert.Equal(
            [
                "GREETING=from-action IMAGE_ENV=from-image PWD=/data",
                "opaque: new.txt ",
                "keep: keep link: keep hard: keep",
                "dev-ok",
                "proc-ok",
                "sys-ok",
                "owner: 1000 1000 -rwxr-x---",
            ],
            output);
        Assert.Contains(log.Snapshot(), l => l is { Stream: LogSource.Stderr, Text: "to-stderr" });
        AssertNothingMounted();
    }

    [InteropFact]
    public async Task Run_NonZeroExit_IsTheActionsExitCode()
    {
        var layout = BuildLayout(out _);
        var result = await Run($$"""{"image":"{{layout}}","environment":{"EXIT_CODE":"3"} }""");
        Assert.Equal((ActionState.Failed, 3, $"{layout} (/bin/sh) exited with 3"), (result.State, result.ExitCode, result.Message));
        AssertNothingMounted();
    }

    [InteropFact]
    public async Task Run_CommandOverridesCmd_AndMissingProgramIs127()
    {
        var layout = BuildLayout(out _);
        var log = new ActionLog();
        var result = await Run($$"""{"image":"{{layout}}","command":["echo $0 overrides"]}""", log);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["/bin/sh overrides"], Stdout(log));

        log = new ActionLog();
        result = await Run($$"""{"image":"{{layout}}","entrypoint":["/no/such/tool"]}""", log);
        Assert.Equal(127, result.ExitCode);
        Assert.Contains(log.Snapshot(), l => l is { Stream: LogSource.Stderr, Text: "baremetal-agent: exec /no/such/tool inside the image: No such file or directory (errno 2)" });
        AssertNothingMounted();
    }

    [InteropFact]
    public async Task Run_OverHttp_FetchesAndVerifiesTheLayout()
    {
        var layout = BuildLayout(out _);
        using var server = new DirectoryServer(layout);
        using var http = new HttpClient(server);
        var log = new ActionLog();
        var result = await new OciAction(http, Helper).RunAsync(
            Contexts.For("oci", """{"image":"http://192.0.2.10/images/actions/h17/","reference":"latest","environment":{"GREETING":"http"}}""", log: log),
            CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        Assert.StartsWith("GREETING=http ", Stdout(log)[0], StringComparison.Ordinal);
        Assert.Contains("/images/actions/h17/index.json", server.Requests);
        AssertNothingMounted();
    }

    [InteropFact]
    public async Task Run_TamperedLayer_FailsBeforeRunningAnything()
    {
        var builder = new OciLayoutBuilder(_dir.File("tampered"));
        var layout = Populate(builder);
        var blob = builder.LayerPath(1);
        var bytes = File.ReadAllBytes(blob);
        bytes[^1] ^= 1;
        File.WriteAllBytes(blob, bytes);
        var log = new ActionLog();
        var result = await Run($$"""{"image":"{{layout}}"}""", log);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.Contains("does not match its content", result.Message, StringComparison.Ordinal);
        Assert.Empty(Stdout(log));
        AssertNothingMounted();
    }

    [Theory]
    [InlineData("""{"environment":{}}""", "parameter 'image' is missing")]
    [InlineData("""{"image":"/nonexistent/h17-layout"}""", "/nonexistent/h17-layout/oci-layout does not exist")]
    [InlineData("""{"image":"/tmp","tmpfsSize":"1g,exec"}""", "parameter 'tmpfsSize' is '1g,exec'")]
    public async Task Run_BadParameters_FailClearly(string json, string expected)
    {
        var result = await Run(json);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownReference_ListsTheNames()
    {
        var layout = BuildLayout(out _);
        var result = await Run($$"""{"image":"{{layout}}","reference":"v9"}""");
        Assert.Contains("index.json has no manifest named 'v9' (org.opencontainers.image.ref.name); it has: latest", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_ActionWinsOverImageAndPathDefaults()
    {
        var env = OciAction.Environment(["A=image", "B=image=with=equals", "junk"], new Dictionary<string, string> { ["A"] = "action" });
        Assert.Equal("action", env["A"]);
        Assert.Equal("image=with=equals", env["B"]);
        Assert.Equal("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", env["PATH"]);
        Assert.False(env.ContainsKey("junk"));
    }

    private static string Helper => Path.Combine(AppContext.BaseDirectory, "baremetal-agent");

    private Task<ActionResult> Run(string json, ActionLog? log = null) =>
        new OciAction(_http, Helper).RunAsync(Contexts.For("oci", json, log: log), CancellationToken.None);

    private static string[] Stdout(ActionLog log) => [.. log.Snapshot().Where(l => l.Stream == LogSource.Stdout).Select(l => l.Text)];

    private static void AssertNothingMounted() =>
        Assert.DoesNotContain("baremetal-oci-", File.ReadAllText("/proc/mounts"), StringComparison.Ordinal);

    private string BuildLayout(out OciLayoutBuilder builder)
    {
        builder = new OciLayoutBuilder(_dir.File("layout-" + Guid.NewGuid().ToString("N")[..6]));
        return Populate(builder);
    }

    private static string Populate(OciLayoutBuilder builder)
    {
        var busybox = StaticBusybox();
        builder.Layer(gzip: true, tar =>
        {
            Dir(tar, "bin/");
            Bytes(tar, "bin/busybox", busybox, (UnixFileMode)0b111_101_101);
            foreach (var applet in new[] { "sh", "echo", "ls", "cat", "test", "tr", "awk", "pwd" })
            {
                Link(tar, "bin/" + applet, "busybox");
            }

            Dir(tar, "etc/");
            Text(tar, "etc/removed.txt", "lower");
            Dir(tar, "data/");
            Dir(tar, "data/opaque/");
            Text(tar, "data/opaque/old.txt", "old");
            Text(tar, "data/keep.txt", "keep");
            Link(tar, "data/link.txt", "/data/keep.txt");
            HardLink(tar, "data/hard.txt", "data/keep.txt");
            Text(tar, "data/owned.txt", "mine", (UnixFileMode)0b111_101_000, uid: 1000);
        });
        builder.Layer(gzip: false, tar =>
        {
            Text(tar, "etc/.wh.removed.txt", string.Empty);
            Text(tar, "data/opaque/new.txt", "new");
            Text(tar, "data/opaque/.wh..wh..opq", string.Empty);
        });
        return builder.Build(["/bin/sh", "-c"], [Script], ["PATH=/bin", "IMAGE_ENV=from-image", "GREETING=image-default"], "/data");
    }

    /// <summary>Serves a layout directory over HTTP (in process) under /images/actions/h17/.</summary>
    private sealed class DirectoryServer(string root) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            lock (Requests)
            {
                Requests.Add(path);
            }

            const string prefix = "/images/actions/h17/";
            var file = path.StartsWith(prefix, StringComparison.Ordinal) ? Path.Combine(root, path[prefix.Length..]) : null;
            return Task.FromResult(file is not null && File.Exists(file)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(File.ReadAllBytes(file)) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}
