using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>GET /ipxe/{mac}, as iPXE fetches it, from the host run in-process (the request comes from 192.0.2.2).</summary>
[Collection(InProcessHostGroup.Name)]
public sealed class ScriptEndpointTests(InProcessHostFixture fixture)
{
    private const string Api = "baremetal.api=http://192.0.2.1:8080";

    [Fact]
    public async Task Script_KnownMachineOnBios_BootsProfileWithAgentParameters()
    {
        var response = await fixture.Host.GetAsync($"/ipxe/{TestMachines.ScriptMac}?platform=pcbios");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/plain", response.ContentType, StringComparison.Ordinal);
        var lines = response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("#!ipxe", lines[0]);
        Assert.Equal(
            $"kernel http://192.0.2.1:8080/images/vmlinuz console=ttyS0 quiet {Api} baremetal.mac={TestMachines.ScriptMac} baremetal.token={HostLayout.MachineToken(TestMachines.ScriptMac)}",
            lines[1]);
        Assert.Equal("initrd http://192.0.2.1:8080/images/initrd.gz", lines[2]);
        Assert.Equal("boot", lines[3]);
    }

    [Fact]
    public async Task Script_KnownMachineOnEfi_NamesTheInitrdOnTheCommandLine()
    {
        var response = await fixture.Host.GetAsync($"/ipxe/{TestMachines.ScriptMac.ToUpperInvariant().Replace(':', '-')}?platform=efi");

        Assert.Equal(200, response.Status);
        var kernel = response.Body.Split('\n').Single(l => l.StartsWith("kernel ", StringComparison.Ordinal));
        Assert.StartsWith("kernel http://192.0.2.1:8080/images/vmlinuz initrd=initrd.gz console=ttyS0", kernel, StringComparison.Ordinal);
        Assert.Contains($"baremetal.mac={TestMachines.ScriptMac} ", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_UnknownMachine_IsRecordedAsDiscoveredAndGetsNoBoot()
    {
        const string unknown = "52:54:00:0f:0f:01";

        var response = await fixture.Host.GetAsync($"/ipxe/{unknown}");

        Assert.Equal(200, response.Status);
        Assert.DoesNotContain("kernel", response.Body, StringComparison.Ordinal);
        Assert.Contains("\nexit", response.Body, StringComparison.Ordinal);
        var machine = await fixture.Host.GetAsync($"/api/v1/machines/{unknown}", HostLayout.AdminToken);
        Assert.Equal(200, machine.Status);
        Assert.Equal("discovered", machine.Json.GetProperty("state").GetString());
        Assert.False(machine.Json.GetProperty("known").GetBoolean());
        Assert.Equal("192.0.2.2", machine.Json.GetProperty("ip").GetString());
    }

    [Fact]
    public async Task Script_NotAMac_Is400ProblemDetails()
    {
        var response = await fixture.Host.GetAsync("/ipxe/not-a-mac");

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(400, response.Json.GetProperty("status").GetInt32());
    }
}
