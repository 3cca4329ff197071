using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Testing;

namespace BareMetal.Host.Tests;

/// <summary>State under --data (leases, machines, events, workflow progress) survives a restart.</summary>
public sealed class RestartTests
{
    [InteropFact]
    public async Task Restart_KeepsLeasesMachinesEventsAndWorkflowProgress()
    {
        using var layout = new HostLayout();
        var disk = HostLayout.WriteFile(Path.Combine(layout.Images, "disk.raw.gz"), 10_000, 7);
        HostLayout.WriteFile(Path.Combine(layout.Images, "vmlinuz"), 10_000, 8);
        HostLayout.WriteFile(Path.Combine(layout.Images, "initrd.gz"), 10_000, 9);
        layout.WriteInventory(TestMachines.Inventory(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(disk))));
        await using var lab = await NetworkLab.CreateAsync();
        var commandLine = HostProcess.CommandLine(lab, layout, HostServices.All);
        const string first = "52:54:00:0a:0a:01";
        const string second = "52:54:00:0a:0a:02";
        const string agent = TestMachines.AgentMac;
        var firstLink = await lab.AddClientLinkAsync("a", first);
        var secondLink = await lab.AddClientLinkAsync("b", second);

        string firstAddress;
        await using (var host = await HostProcess.StartAsync(lab, commandLine))
        {
            firstAddress = (await DhcpClients.UdhcpcAsync(lab, firstLink, DhcpClients.BiosPxe))?["ip"] ?? throw new InvalidOperationException("no lease before the restart");
            var token = HostLayout.MachineToken(agent);
            await Curl.GetAsync(lab, $"/ipxe/{agent}?platform=pcbios");
            Assert.Equal(202, (await Curl.PostAsync(lab, $"/api/v1/machines/{agent}/events", token, """{"type":"action-completed","action":0}""")).Status);
            await host.StopAsync();
            Assert.True(host.HasExited);
        }

        await using (var host = await HostProcess.StartAsync(lab, commandLine))
        {
            // The first machine's lease is remembered: a new machine gets another address, the first its own.
            var secondAddress = (await DhcpClients.UdhcpcAsync(lab, secondLink, DhcpClients.BiosPxe))?["ip"];
            Assert.NotNull(secondAddress);
            Assert.NotEqual(firstAddress, secondAddress);
            Assert.Equal(firstAddress, (await DhcpClients.UdhcpcAsync(lab, firstLink, DhcpClients.BiosPxe))?["ip"]);

            var discovered = await Curl.GetAsync(lab, $"/api/v1/machines/{first}", HostLayout.AdminToken);
            Assert.Equal("discovered", discovered.Json.GetProperty("state").GetString());
            Assert.Equal(firstAddress, discovered.Json.GetProperty("ip").GetString());
            Assert.True(discovered.Json.GetProperty("events").GetArrayLength() >= 2, discovered.Body);

            // Workflow progress: only the second action is left, and finishing it installs the machine.
            var workflow = await Curl.GetAsync(lab, $"/api/v1/machines/{agent}/workflow");
            Assert.Equal([1], workflow.Json.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("index").GetInt32()));
            var events = (await Curl.GetAsync(lab, $"/api/v1/machines/{agent}", HostLayout.AdminToken)).Json.GetProperty("events")
                .EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.Equal(["script", "action-completed"], events);
            Assert.Equal(202, (await Curl.PostAsync(lab, $"/api/v1/machines/{agent}/events", HostLayout.MachineToken(agent), """{"type":"action-completed","action":1}""")).Status);
            Assert.Contains("sanboot", (await Curl.GetAsync(lab, $"/ipxe/{agent}?platform=pcbios")).Body, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(layout.Data, "machines.db")));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(layout.Data, "leases"), "*", SearchOption.AllDirectories));
    }
}
