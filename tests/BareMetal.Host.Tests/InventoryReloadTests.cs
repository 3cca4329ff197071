using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>Editing the inventory while the host runs.</summary>
[Collection(SharedHost.Name)]
public sealed class InventoryReloadTests(HostFixture fixture)
{
    [Fact]
    public async Task Reload_BadEditIsRejectedWithLineAndField_GoodEditIsApplied()
    {
        const string added = "52:54:00:00:01:99";
        var good = HostFixture.Inventory(fixture.DiskSha256);
        try
        {
            // Line 3 of this file holds the bad MAC.
            fixture.Layout.WriteInventory($"profiles: []\nmachines:\n  - mac: 52:54:zz\n    hostname: broken\n");
            var errors = await WaitForAsync(async () =>
            {
                var inventory = await Curl.GetAsync(fixture.Lab, "/api/v1/inventory", HostLayout.AdminToken);
                var list = inventory.Json.GetProperty("lastReloadErrors").EnumerateArray().Select(e => e.GetString()!).ToList();
                // Wait for this edit's error, not a previous test's.
                return list.Any(e => e.Contains("machines[0].mac", StringComparison.Ordinal)) ? list : null;
            });
            Assert.Contains(errors, e => e.StartsWith("inventory.yaml:3:", StringComparison.Ordinal) && e.Contains("machines[0].mac", StringComparison.Ordinal));

            // The last good inventory is still in use.
            var script = await Curl.GetAsync(fixture.Lab, $"/ipxe/{HostFixture.PlainMac}");
            Assert.Contains("kernel ", script.Body, StringComparison.Ordinal);

            fixture.Layout.WriteInventory(good + $"\n  - mac: {added}\n    hostname: node-added\n    profile: debian-live\n");
            var name = await WaitForAsync(async () =>
            {
                var machine = await Curl.GetAsync(fixture.Lab, $"/api/v1/machines/{added}", HostLayout.AdminToken);
                return machine.Status == 200 ? machine.Json.GetProperty("hostname").GetString() : null;
            });
            Assert.Equal("node-added", name);
            var inventoryAfter = await Curl.GetAsync(fixture.Lab, "/api/v1/inventory", HostLayout.AdminToken);
            Assert.Empty(inventoryAfter.Json.GetProperty("lastReloadErrors").EnumerateArray());
        }
        finally
        {
            fixture.Layout.WriteInventory(good);
        }
    }

    [Fact]
    public async Task Reload_UnusableEfiVolumeLabel_IsRejectedNamingTheFieldAndTheFix()
    {
        var good = HostFixture.Inventory(fixture.DiskSha256);
        try
        {
            // Line 5 holds a label iPXE could not carry in a file:// URI (a space, and longer than FAT's 11 bytes).
            fixture.Layout.WriteInventory("profiles: []\nmachines:\n  - mac: 52:54:00:00:01:98\n    local-boot:\n      efi-volume: MY INSTALLED DISK\n");
            var errors = await WaitForAsync(async () =>
            {
                var inventory = await Curl.GetAsync(fixture.Lab, "/api/v1/inventory", HostLayout.AdminToken);
                var list = inventory.Json.GetProperty("lastReloadErrors").EnumerateArray().Select(e => e.GetString()!).ToList();
                return list.Any(e => e.Contains("local-boot", StringComparison.Ordinal)) ? list : null;
            });
            Assert.Contains(errors, e => e.StartsWith("inventory.yaml:5:", StringComparison.Ordinal)
                && e.Contains("machines[0].local-boot.efi-volume", StringComparison.Ordinal)
                && e.Contains("mkfs.vfat -n", StringComparison.Ordinal));
        }
        finally
        {
            fixture.Layout.WriteInventory(good);
        }
    }

    [Fact]
    public async Task Reload_DefaultProfile_UnknownMachinesBootIt()
    {
        const string stranger = "52:54:00:07:07:01";
        var good = HostFixture.Inventory(fixture.DiskSha256);
        var link = await fixture.Lab.AddClientLinkAsync("f", stranger);
        try
        {
            fixture.Layout.WriteInventory("default-profile: debian-live\n" + good);
            await WaitForAsync(async () =>
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
            await WaitForAsync(async () =>
            {
                var inventory = await Curl.GetAsync(fixture.Lab, "/api/v1/inventory", HostLayout.AdminToken);
                return inventory.Json.GetProperty("defaultProfile").ValueKind == System.Text.Json.JsonValueKind.Null ? "restored" : null;
            });
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the host did not pick up the inventory change within 10 s");
    }
}
