using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>The JSON API's answers to bad requests and its reads, from the host run in-process.</summary>
[Collection(InProcessHostGroup.Name)]
public sealed class ApiTests(InProcessHostFixture fixture)
{
    [Fact]
    public async Task Machines_WithoutToken_Is401ProblemWithBearerChallenge()
    {
        var response = await fixture.Host.GetAsync("/api/v1/machines");

        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("WWW-Authenticate: Bearer", response.Headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(401, response.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Machines_WithMachineToken_Is401()
    {
        var response = await fixture.Host.GetAsync("/api/v1/machines", HostLayout.MachineToken(TestMachines.PlainMac));

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task Machines_WithAdminToken_ListsInventoryMachinesWithState()
    {
        var response = await fixture.Host.GetAsync("/api/v1/machines", HostLayout.AdminToken);

        Assert.Equal(200, response.Status);
        var reserved = response.Json.EnumerateArray().Single(m => m.GetProperty("mac").GetString() == TestMachines.ReservedMac);
        Assert.Equal("node-reserved", reserved.GetProperty("hostname").GetString());
        Assert.True(reserved.GetProperty("known").GetBoolean());
        Assert.Equal("debian-live", reserved.GetProperty("profile").GetString());
        Assert.True(reserved.TryGetProperty("events", out _));
        Assert.True(reserved.TryGetProperty("lastSeen", out _));
    }

    [Fact]
    public async Task Machine_OwnTokenReadsItself_OtherMachinesTokenDoesNot()
    {
        var own = await fixture.Host.GetAsync($"/api/v1/machines/{TestMachines.PlainMac}", HostLayout.MachineToken(TestMachines.PlainMac));
        var other = await fixture.Host.GetAsync($"/api/v1/machines/{TestMachines.PlainMac}", HostLayout.MachineToken(TestMachines.ReservedMac));

        Assert.Equal(200, own.Status);
        Assert.Equal("node-plain", own.Json.GetProperty("hostname").GetString());
        Assert.Equal(401, other.Status);
    }

    [Fact]
    public async Task Events_WrongToken_Is401()
    {
        var response = await fixture.Host.PostAsync($"/api/v1/machines/{TestMachines.PlainMac}/events", "not-the-token", """{"type":"agent-started"}""");

        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task Events_MissingToken_Is401()
    {
        var response = await fixture.Host.PostAsync($"/api/v1/machines/{TestMachines.PlainMac}/events", null, """{"type":"agent-started"}""");

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task Events_UnknownMac_Is404()
    {
        var response = await fixture.Host.PostAsync("/api/v1/machines/52:54:00:0e:0e:0e/events", HostLayout.AdminToken, """{"type":"agent-started"}""");

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("52:54:00:0e:0e:0e", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workflow_UnknownMac_Is404()
    {
        var response = await fixture.Host.GetAsync("/api/v1/machines/52:54:00:0e:0e:0f/workflow");

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Theory]
    [InlineData("{\"type\":")]
    [InlineData("not json")]
    [InlineData("{\"type\":\"action-completed\",\"action\":\"first\"}")]
    public async Task Events_BadJson_Is400(string body)
    {
        var response = await fixture.Host.PostAsync($"/api/v1/machines/{TestMachines.PlainMac}/events", HostLayout.MachineToken(TestMachines.PlainMac), body);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(400, response.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Events_ActionOutsideTheWorkflow_Is400()
    {
        var response = await fixture.Host.PostAsync($"/api/v1/machines/{TestMachines.PlainMac}/events", HostLayout.AdminToken, """{"type":"action-completed","action":3}""");

        Assert.Equal(400, response.Status);
        Assert.Contains("no workflow", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
