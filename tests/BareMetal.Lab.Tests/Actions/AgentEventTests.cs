using System.Text.Json;
using BareMetal.LabAgent;
using BareMetal.LabAgent.Actions;

namespace BareMetal.Lab.Tests.Actions;

public sealed class AgentEventTests
{
    [Fact]
    public void Serialize_CompletedEvent_CarriesStateExitCodeLogAndData()
    {
        var line = new ActionLogLine(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero), LogSource.Stderr, "oops");
        var agentEvent = new AgentEvent(EventTypes.ActionFailed, "exited with 3", 2)
        {
            State = ActionState.TimedOut,
            ExitCode = 124,
            Log = [line],
            Data = JsonDocument.Parse("""{"cpu":{"logicalCount":2}}""").RootElement,
        };
        Assert.Equal(
            """{"type":"action-failed","message":"exited with 3","action":2,"state":"timed-out","exitCode":124,"log":[{"time":"2026-12-04T09:00:00+00:00","stream":"stderr","text":"oops"}],"data":{"cpu":{"logicalCount":2}}}""",
            JsonSerializer.Serialize(agentEvent, AgentJsonContext.Default.AgentEvent));
    }
}
