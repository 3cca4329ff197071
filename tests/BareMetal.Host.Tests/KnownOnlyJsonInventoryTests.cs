using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Testing;

namespace BareMetal.Host.Tests;

/// <summary>A JSON inventory and --known-only: only listed machines get leases; others are still recorded.</summary>
public sealed class KnownOnlyJsonInventoryTests
{
    [InteropFact]
    public async Task JsonInventoryWithKnownOnly_AnswersListedMachinesAndRecordsTheRest()
    {
        using var layout = new HostLayout();
        HostLayout.WriteFile(Path.Combine(layout.Images, "vmlinuz"), 1000, 1);
        var inventory = Path.Combine(layout.Root, "inventory.json");
        await File.WriteAllTextAsync(inventory, """
            {
            	"profiles": [ { "name": "live", "kernel": "vmlinuz", "cmdline": "console=ttyS0" } ],
            	"machines": [ { "mac": "52:54:00:09:09:01", "hostname": "json-node", "ip": "192.0.2.60", "profile": "live" } ]
            }
            """);
        await using var lab = await NetworkLab.CreateAsync();
        var known = await lab.AddClientLinkAsync("k", "52:54:00:09:09:01");
        var stranger = await lab.AddClientLinkAsync("s", "52:54:00:09:09:02");
        var arguments = HostProcess.CommandLine(lab, layout, HostServices.All, "--known-only");
        arguments[Array.IndexOf(arguments, "--inventory") + 1] = inventory;

        await using var host = await HostProcess.StartAsync(lab, arguments);

        var lease = await DhcpClients.UdhcpcAsync(lab, known, DhcpClients.UefiPxe);
        Assert.NotNull(lease);
        Assert.Equal("192.0.2.60", lease["ip"]);
        Assert.Equal("snponly.efi", lease["boot_file"]);
        Assert.Equal("json-node", lease.GetValueOrDefault("hostname"));

        Assert.Null(await DhcpClients.UdhcpcAsync(lab, stranger, DhcpClients.BiosPxe));
        var recorded = await Curl.GetAsync(lab, "/api/v1/machines/52:54:00:09:09:02", HostLayout.AdminToken);
        Assert.Equal(200, recorded.Status);
        Assert.Equal("discovered", recorded.Json.GetProperty("state").GetString());
        Assert.Contains("not answered", recorded.Json.GetProperty("events")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var script = await Curl.GetAsync(lab, "/ipxe/52:54:00:09:09:01?platform=efi");
        Assert.Contains("kernel http://192.0.2.1:8080/images/vmlinuz console=ttyS0 baremetal.api=", script.Body, StringComparison.Ordinal);
    }
}
