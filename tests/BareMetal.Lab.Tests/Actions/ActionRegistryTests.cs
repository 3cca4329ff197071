using BareMetal.LabAgent;
using BareMetal.LabAgent.Actions;

namespace BareMetal.Lab.Tests.Actions;

public sealed class ActionRegistryTests
{
    private static ActionRegistry Registry(params IAgentAction[] extra) => new([new ReportAction(), .. extra]);

    [Fact]
    public async Task Run_UnknownType_IsAFailedResultNamingTheKnownTypes()
    {
        var result = await Registry().RunAsync(Contexts.For("format-c", "{}"), CancellationToken.None);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("unknown action type 'format-c': this agent runs 'report'", result.Message);
    }

    [Fact]
    public async Task Run_MissingType_IsAFailedResult()
    {
        var context = new ActionContext(new WorkflowAction { Index = 0 }, new ActionLog());
        var result = await Registry().RunAsync(context, CancellationToken.None);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.StartsWith("unknown action type ''", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ActionThrows_IsAFailedResultWithTheReason()
    {
        var result = await Registry(new Throwing()).RunAsync(Contexts.For("throwing", "{}"), CancellationToken.None);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.Equal("the disk caught fire - because of a test", result.Message);
    }

    [Fact]
    public async Task Run_TimeoutExpires_IsTimedOutWithExitCode124()
    {
        var context = Contexts.For("hanging", "{}", timeout: 1);
        var result = await Registry(new Hanging()).RunAsync(context, CancellationToken.None);
        Assert.Equal(ActionState.TimedOut, result.State);
        Assert.Equal(124, result.ExitCode);
        Assert.Equal("hanging did not finish within its timeout of 1 s and was stopped", result.Message);
    }

    [Fact]
    public async Task Run_AgentCancelled_Throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Registry(new Hanging()).RunAsync(Contexts.For("hanging", "{}"), cts.Token));
    }

    [Fact]
    public void Create_DuplicateType_Throws() =>
        Assert.Throws<ArgumentException>(() => new ActionRegistry([new ReportAction(), new ReportAction()]));

    [Fact]
    public void Default_RegistersEveryDocumentedAction()
    {
        using var http = new HttpClient();
        Assert.Equal(["exec", "facts", "kexec", "oci", "partition", "poweroff", "reboot", "report", "stream-image", "write-file"], AgentActions.Create(http).Types);
    }

    [Fact]
    public void Parameters_Missing_NamesTheActionAndTheDocs()
    {
        var context = new ActionContext(new WorkflowAction { Index = 2, Type = "partition" }, new ActionLog());
        Assert.False(context.TryGetParameters(ActionJsonContext.Default.PartitionParameters, out _, out var error));
        Assert.Equal("action 2 (partition): 'parameters' is missing or not a JSON object; see docs/agent.md for this action's parameters", error);
    }

    [Fact]
    public void Parameters_WrongJsonType_IsAnErrorNotAnException()
    {
        var context = Contexts.For("partition", """{"device":42}""");
        Assert.False(context.TryGetParameters(ActionJsonContext.Default.PartitionParameters, out _, out var error));
        Assert.StartsWith("action 3 (partition): 'parameters' do not fit this action: ", error, StringComparison.Ordinal);
    }

    private sealed class Throwing : IAgentAction
    {
        public string Type => "throwing";

        public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the disk caught fire", new IOException("because of a test"));
    }

    private sealed class Hanging : IAgentAction
    {
        public string Type => "hanging";

        public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ActionResult.Success("never");
        }
    }
}
