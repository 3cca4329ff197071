// The lab's provisioning agent (see docs/lab.md): /init runs it after DHCP; its exit code tells /init
// whether the install worked, and /init then powers the machine off.
using BareMetal.LabAgent;
using BareMetal.LabAgent.Actions;
using BareMetal.LabAgent.Actions.Oci;

// Helper mode of the oci action: chroot, chdir and exec the image's entrypoint (see ChrootExec).
if (args is [ChrootExec.Flag, ..])
{
    return ChrootExec.Run(args);
}

var log = Console.Out;
var cmdlinePath = Environment.GetEnvironmentVariable("BAREMETAL_CMDLINE") ?? "/proc/cmdline";
string text;
try
{
    text = File.ReadAllText(cmdlinePath);
}
catch (IOException ex)
{
    log.WriteLine($"agent: cannot read {cmdlinePath}: {ex.Message}");
    return ExitCodes.Configuration;
}

if (!KernelCommandLine.TryParse(text, out var settings, out var error))
{
    log.WriteLine("agent: " + KernelCommandLine.Describe(error));
    return ExitCodes.Configuration;
}

log.WriteLine($"agent: machine {settings!.Mac}, API {settings.Api}");
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
using var apiHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
// Image transfers are bounded by the client's own read timeout (no progress for 30 s), not by a total time.
using var imageHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var api = new HostApiClient(apiHttp, settings, log);
try
{
    var workflow = await api.GetWorkflowAsync(cts.Token);
    log.WriteLine($"agent: state {workflow.State}, {workflow.Actions.Count} action(s) to run");
    await api.PostEventAsync(new AgentEvent(EventTypes.AgentStarted, $"agent started, {workflow.Actions.Count} action(s) to run"), cts.Token);
    var runner = new WorkflowRunner(api, AgentActions.Create(imageHttp), log);
    var ok = await runner.RunAsync(workflow, cts.Token);
    log.WriteLine(ok ? "agent: workflow completed" : "agent: workflow failed");
    return ok ? ExitCodes.Success : ExitCodes.ActionFailed;
}
catch (Exception ex) when (ex is HttpRequestException or HostApiException or TaskCanceledException or System.Text.Json.JsonException or InvalidDataException)
{
    log.WriteLine($"agent: the host API failed: {HostApiClient.Describe(ex)}");
    return ExitCodes.HostApi;
}

/// <summary>The agent's exit codes, which /init prints on the console.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Configuration = 2;
    public const int HostApi = 3;
    public const int ActionFailed = 4;
}
