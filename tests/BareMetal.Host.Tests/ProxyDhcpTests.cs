using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Testing;

namespace BareMetal.Host.Tests;

/// <summary>--proxy-dhcp: boot answers only, no addresses (another server leases them).</summary>
public sealed class ProxyDhcpTests
{
    [InteropFact]
    public async Task ProxyDhcp_AnswersBootRequestsWithoutLeasingAddresses()
    {
        using var layout = new HostLayout();
        layout.WriteInventory(TestMachines.Inventory(new string('0', 64)));
        await using var lab = await NetworkLab.CreateAsync();
        var link = await lab.AddClientLinkAsync("p", TestMachines.PlainMac);
        var arguments = HostProcess.CommandLine(lab, layout, HostServices.All).ToList();
        arguments.RemoveRange(arguments.IndexOf("--dhcp-range"), 2);
        arguments.Add("--proxy-dhcp");

        await using var host = await HostProcess.StartAsync(lab, [.. arguments]);

        // udhcpc needs an address to bind: a proxyDHCP offer carries none, so it gets no lease ...
        Assert.Null(await DhcpClients.UdhcpcAsync(lab, link, DhcpClients.UefiPxe));

        // ... but the host answered the PXE request with its boot file.
        var machine = await Curl.GetAsync(lab, $"/api/v1/machines/{TestMachines.PlainMac}", HostLayout.AdminToken);
        var boot = machine.Json.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "dhcp-boot").ToList();
        Assert.NotEmpty(boot);
        Assert.Contains("snponly.efi", boot[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(machine.Json.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "dhcp-lease");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, machine.Json.GetProperty("ip").ValueKind);
    }
}
