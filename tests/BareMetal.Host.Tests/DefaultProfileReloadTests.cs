using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Testing;

namespace BareMetal.Host.Tests;

/// <summary>An inventory edit that adds a default profile, seen by a real DHCP client (udhcpc) in the lab.</summary>
[Collection(SharedHost.Name)]
public sealed class DefaultProfileReloadTests(HostFixture fixture)
{
    [InteropFact]
    public async Task Reload_DefaultProfile_UnknownMachinesBootIt()
    {
        const string stranger = "52:54:00:07:07:01";
        var good = TestMachines.Inventory(fixture.DiskSha256);
        var link = await fixture.Lab.AddClientLinkAsync("f", stranger);
        try
        {
            fixture.Layout.WriteInventory("default-profile: debian-live\n" + good);
            await Poll.UntilAsync(async () =>
            {
                var inventory = await Curl.GetAsync(fixture.Lab, "/api/v1/inventory", HostLayout.AdminToken);
                return inventory.Json.GetProperty("defaultProfile").GetString();
            });

            var lease = await DhcpClients.UdhcpcAsync(fixture.Lab, link, DhcpClients.BiosPxe);
            Assert.NotNull(lease);
            Assert.Equal("undionly.kpxe", lease.GetValueOrDefault("boot_file"));
            var script = await Curl.GetAsync(fixture.Lab, $"/ipxe/{stranger}?platform=pcbios");
            Assert.Contains($"kernel http://192.0.2.1:8080/images/vmlinuz console=ttyS0 quiet baremetal.api=http://192.0.2.1:8080 baremetal.mac={stranger} ", script.Body, StringComparison.Ordinal);
            var machine = await Curl.GetAsync(fixture.Lab, $"/api/v1/machines/{stranger}", HostLayout.AdminToken);
            Assert.False(machine.Json.GetProperty("known").GetBoolean());
            Assert.Equal("debian-live", machine.Json.GetProperty("profile").GetString());
        }
        finally
        {
            // Other tests expect unknown machines to get no boot: wait until the restore applied.
            fixture.Layout.WriteInventory(good);
            await Poll.UntilAsync(async () =>
            {
                var inventory = await Curl.GetAsync(fixture.Lab, "/api/v1/inventory", HostLayout.AdminToken);
                return inventory.Json.GetProperty("defaultProfile").ValueKind == System.Text.Json.JsonValueKind.Null ? "restored" : null;
            });
        }
    }
}
