using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using BareMetal.LabAgent;
using BareMetal.LabAgent.Actions;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>
/// The runner's contract with the host, unchanged by the move to IAgentAction: the events posted for the lab's
/// stream-image and report actions (types, messages, order), and a failure that stops the workflow. The host API and
/// the image server are in-process HTTP handlers that record what the agent sent.
/// </summary>
public sealed class WorkflowRunnerTests : IDisposable
{
    private static readonly byte[] Image = RandomNumberGenerator.GetBytes(300_000);
    private readonly TempDir _dir = new();
    private readonly Recorder _host = new();

    public void Dispose()
    {
        _dir.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task LabWorkflow_StreamImageThenReport_PostsTheSameEventsAsBefore()
    {
        var target = _dir.File("disk.raw");
        var workflow = new Workflow
        {
            Actions =
            {
                new WorkflowAction { Index = 0, Type = "stream-image", Url = "http://192.0.2.1:8080/images/disk.raw", Target = target, Sha256 = Convert.ToHexStringLower(SHA256.HashData(Image)) },
                new WorkflowAction { Index = 1, Type = "report", Message = "installed" },
            },
        };
        Assert.True(await Runner().RunAsync(workflow, CancellationToken.None));
        Assert.Equal(Image, await File.ReadAllBytesAsync(target));

        var events = _host.Events;
        Assert.Equal(["action-started", "action-completed", "action-started", "action-completed", "workflow-completed"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("stream-image started", events[0].GetProperty("message").GetString());
        Assert.Matches($@"^300000 bytes written to {System.Text.RegularExpressions.Regex.Escape(target)} in \d+\.\d s, sha256 [0-9a-f]{{64}}$", events[1].GetProperty("message").GetString());
        Assert.Equal(0, events[1].GetProperty("action").GetInt32());
        Assert.Equal("succeeded", events[1].GetProperty("state").GetString());
        Assert.Equal(0, events[1].GetProperty("exitCode").GetInt32());
        Assert.Equal("streaming http://192.0.2.1:8080/images/disk.raw to " + target, events[1].GetProperty("log")[0].GetProperty("text").GetString());
        Assert.Equal("installed", events[3].GetProperty("message").GetString());
        Assert.Equal("2 action(s) completed", events[4].GetProperty("message").GetString());
        Assert.False(events[4].TryGetProperty("action", out _));
    }

    [Fact]
    public async Task FailingAction_PostsActionFailedWithTheLabsMessageAndStops()
    {
        var workflow = new Workflow
        {
            Actions =
            {
                new WorkflowAction { Index = 4, Type = "stream-image", Url = "not a url", Target = "/dev/null" },
                new WorkflowAction { Index = 5, Type = "report", Message = "never" },
            },
        };
        Assert.False(await Runner().RunAsync(workflow, CancellationToken.None));
        var events = _host.Events;
        Assert.Equal(["action-started", "action-failed"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("action 4: 'url' is missing or not an absolute URL ('not a url')", events[1].GetProperty("message").GetString());
        Assert.Equal("failed", events[1].GetProperty("state").GetString());
        Assert.Equal(1, events[1].GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task UnknownAction_IsReportedAsFailedNotACrash()
    {
        var workflow = new Workflow { Actions = { new WorkflowAction { Index = 0, Type = "teleport" } } };
        Assert.False(await Runner().RunAsync(workflow, CancellationToken.None));
        Assert.StartsWith("unknown action type 'teleport': this agent runs ", _host.Events[1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ActionWithParametersAndTimeout()
    {
        var workflow = JsonSerializer.Deserialize("""
            {"actions":[{"index":2,"type":"exec","timeout":30,"parameters":{"command":"/bin/true"}}]}
            """, AgentJsonContext.Default.Workflow)!;
        var action = workflow.Actions[0];
        Assert.Equal(30, action.Timeout);
        Assert.Equal("/bin/true", action.Parameters!.Value.GetProperty("command").GetString());
        Assert.Equal(TimeSpan.FromSeconds(30), new ActionContext(action, new ActionLog()).Timeout);
    }

    [Fact]
    public async Task PowerOff_ReportsCompletionAndWorkflowEndBeforeTheSystemCall()
    {
        var power = new EventCountingPower(_host);
        var workflow = new Workflow
        {
            Actions =
            {
                new WorkflowAction { Index = 0, Type = "report", Message = "installed" },
                new WorkflowAction { Index = 1, Type = "poweroff" },
            },
        };
        Assert.False(await Runner(power).RunAsync(workflow, CancellationToken.None));
        Assert.Equal(["sync after 5 events", "reboot PowerOff after 5 events"], power.Calls);
        Assert.Equal(["action-started", "action-completed", "action-started", "action-completed", "workflow-completed", "action-failed"], _host.Events.Select(e => e.GetProperty("type").GetString()));
        Assert.StartsWith("reboot(2) PowerOff failed: ", _host.Events[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private WorkflowRunner Runner(BareMetal.LabAgent.Actions.Power.ISystemPower? power = null)
    {
        var settings = new KernelCommandLine(new Uri("http://192.0.2.1:8080"), "52:54:00:12:34:56", "token");
        var api = new HostApiClient(new HttpClient(_host, disposeHandler: false), settings, TextWriter.Null);
        return new WorkflowRunner(api, AgentActions.Create(new HttpClient(_host, disposeHandler: false), power ?? new PowerActionTests.Recorder()), TextWriter.Null);
    }

    /// <summary>Notes how many events the host had received at each power call.</summary>
    private sealed class EventCountingPower(Recorder host) : BareMetal.LabAgent.Actions.Power.ISystemPower
    {
        public List<string> Calls { get; } = [];

        public void Sync() => Calls.Add($"sync after {host.Events.Count} events");

        public int Reboot(BareMetal.LabAgent.Actions.Power.RebootCommand command)
        {
            Calls.Add($"reboot {command} after {host.Events.Count} events");
            return 1;
        }

        public int KexecFileLoad(string kernelPath, string? initrdPath, string commandLine) => 38;
    }

    /// <summary>Serves the image at /images/disk.raw and records every event body posted.</summary>
    private sealed class Recorder : HttpMessageHandler
    {
        private readonly List<JsonElement> _events = [];

        public List<JsonElement> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/api/v1/machines/52:54:00:12:34:56/events")
            {
                Assert.Equal("Bearer token", request.Headers.Authorization?.ToString());
                var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
                lock (_events)
                {
                    _events.Add(body);
                }

                return new HttpResponseMessage(HttpStatusCode.Accepted);
            }

            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/images/disk.raw")
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Image) };
                response.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
                response.Headers.AcceptRanges.Add("bytes");
                return response;
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }
}
