using System.Text.Json;
using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>The agent's side of the contract: read the workflow, report events, end up installed.</summary>
[Collection(InProcessHostGroup.Name)]
public sealed class WorkflowTests(InProcessHostFixture fixture)
{
    [Fact]
    public async Task Workflow_AgentCompletesEveryAction_MachineIsInstalledAndBootsLocalDisk()
    {
        const string mac = TestMachines.AgentMac;
        var token = HostLayout.MachineToken(mac);
        var events = $"/api/v1/machines/{mac}/events";

        var script = await fixture.Host.GetAsync($"/ipxe/{mac}?platform=pcbios");
        Assert.Contains("kernel ", script.Body, StringComparison.Ordinal);

        var workflow = await fixture.Host.GetAsync($"/api/v1/machines/{mac}/workflow");
        Assert.Equal(200, workflow.Status);
        Assert.StartsWith("application/json", workflow.ContentType, StringComparison.Ordinal);
        Assert.Equal(mac, workflow.Json.GetProperty("mac").GetString());
        Assert.Equal("provisioning", workflow.Json.GetProperty("state").GetString());
        var actions = workflow.Json.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(2, actions.Count);
        Assert.Equal(0, actions[0].GetProperty("index").GetInt32());
        Assert.Equal("stream-image", actions[0].GetProperty("type").GetString());
        Assert.Equal("disk.raw.gz", actions[0].GetProperty("image").GetString());
        Assert.Equal("http://192.0.2.1:8080/images/disk.raw.gz", actions[0].GetProperty("url").GetString());
        Assert.Equal("/dev/vda", actions[0].GetProperty("target").GetString());
        Assert.Equal(fixture.Host.Files.DiskSha256, actions[0].GetProperty("sha256").GetString());
        Assert.Equal("report", actions[1].GetProperty("type").GetString());
        Assert.Equal("installed", actions[1].GetProperty("message").GetString());
        Assert.False(actions[1].TryGetProperty("url", out _));

        Assert.Equal(202, (await fixture.Host.PostAsync(events, token, """{"type":"agent-started","message":"agent 1.0"}""")).Status);
        Assert.Equal(202, (await fixture.Host.PostAsync(events, token, """{"type":"action-started","action":0}""")).Status);
        Assert.Equal(202, (await fixture.Host.PostAsync(events, token, """{"type":"action-progress","action":0,"message":"50%"}""")).Status);
        Assert.Equal(202, (await fixture.Host.PostAsync(events, token, """{"type":"action-completed","action":0}""")).Status);

        var remaining = await fixture.Host.GetAsync($"/api/v1/machines/{mac}/workflow");
        Assert.Equal([1], remaining.Json.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("index").GetInt32()));

        Assert.Equal(202, (await fixture.Host.PostAsync(events, token, """{"type":"action-completed","action":1,"message":"installed"}""")).Status);
        Assert.Equal(202, (await fixture.Host.PostAsync(events, token, """{"type":"workflow-completed"}""")).Status);

        var machine = await fixture.Host.GetAsync($"/api/v1/machines/{mac}", token);
        Assert.Equal("installed", machine.Json.GetProperty("state").GetString());
        Assert.Equal(2, machine.Json.GetProperty("workflow").GetProperty("completed").GetInt32());
        var types = machine.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["script", "agent-started", "action-started", "action-progress", "action-completed", "action-completed", "installed", "workflow-completed"], types);
        Assert.Empty((await fixture.Host.GetAsync($"/api/v1/machines/{mac}/workflow")).Json.GetProperty("actions").EnumerateArray());

        var bios = await fixture.Host.GetAsync($"/ipxe/{mac}?platform=pcbios");
        Assert.Contains("\nsanboot --no-describe --drive 0x80\n", bios.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("kernel", bios.Body, StringComparison.Ordinal);
        var efi = await fixture.Host.GetAsync($"/ipxe/{mac}?platform=efi");
        Assert.EndsWith("\nchain --autofree file://BAREMETAL/EFI/BOOT/BOOTX64.EFI || echo Could not start the installed EFI loader\nexit 1\n", efi.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workflow_ActionFails_MachineShowsFailedWithTheAgentsMessage()
    {
        const string mac = TestMachines.FailMac;
        var token = HostLayout.MachineToken(mac);
        await fixture.Host.GetAsync($"/ipxe/{mac}");
        await fixture.Host.PostAsync($"/api/v1/machines/{mac}/events", token, """{"type":"agent-started"}""");

        var failed = await fixture.Host.PostAsync($"/api/v1/machines/{mac}/events", token, """{"type":"action-failed","action":0,"message":"sha256 mismatch: got 00ff"}""");

        Assert.Equal(202, failed.Status);
        var machine = await fixture.Host.GetAsync($"/api/v1/machines/{mac}", HostLayout.AdminToken);
        Assert.Equal("failed", machine.Json.GetProperty("state").GetString());
        Assert.Equal("sha256 mismatch: got 00ff", machine.Json.GetProperty("stateMessage").GetString());
        var action = machine.Json.GetProperty("workflow").GetProperty("actions")[0];
        Assert.Equal("failed", action.GetProperty("status").GetString());

        // The next boot runs the failed action again.
        var workflow = await fixture.Host.GetAsync($"/api/v1/machines/{mac}/workflow");
        Assert.Equal(JsonValueKind.Array, workflow.Json.GetProperty("actions").ValueKind);
        Assert.Single(workflow.Json.GetProperty("actions").EnumerateArray());
        Assert.Contains("kernel ", (await fixture.Host.GetAsync($"/ipxe/{mac}")).Body, StringComparison.Ordinal);
    }
}
