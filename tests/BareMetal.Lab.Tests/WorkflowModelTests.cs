using System.Text.Json;
using BareMetal.LabAgent;

namespace BareMetal.Lab.Tests;

public class WorkflowModelTests
{
    [Fact]
    public void Deserialize_ContractExample_ReadsEveryActionField()
    {
        // The host <-> agent contract's example body for GET /api/v1/machines/{mac}/workflow.
        const string json = """
            {"mac":"52:54:00:12:34:56","state":"provisioning","actions":[{"index":0,"type":"stream-image",
             "image":"disk.raw.gz","url":"http://192.0.2.1:8080/images/disk.raw.gz","target":"/dev/vda","sha256":"ab12"},
             {"index":1,"type":"report","message":"installed"}],"unknown":{"ignored":true}}
            """;
        var workflow = JsonSerializer.Deserialize(json, AgentJsonContext.Default.Workflow)!;
        Assert.Equal("provisioning", workflow.State);
        Assert.Equal(2, workflow.Actions.Count);
        var stream = workflow.Actions[0];
        Assert.Equal((0, "stream-image", "disk.raw.gz", "http://192.0.2.1:8080/images/disk.raw.gz", "/dev/vda", "ab12"),
            (stream.Index, stream.Type, stream.Image, stream.Url, stream.Target, stream.Sha256));
        Assert.Equal((1, "report", "installed"), (workflow.Actions[1].Index, workflow.Actions[1].Type, workflow.Actions[1].Message));
    }

    [Fact]
    public void Serialize_Event_UsesContractNamesAndOmitsMissingAction()
    {
        Assert.Equal("""{"type":"agent-started","message":"hi"}""",
            JsonSerializer.Serialize(new AgentEvent(EventTypes.AgentStarted, "hi"), AgentJsonContext.Default.AgentEvent));
        Assert.Equal("""{"type":"action-completed","message":"ok","action":1}""",
            JsonSerializer.Serialize(new AgentEvent(EventTypes.ActionCompleted, "ok", 1), AgentJsonContext.Default.AgentEvent));
    }
}
