using BareMetal.Host.Tests.Infrastructure;

namespace BareMetal.Host.Tests;

/// <summary>Editing the inventory while the host runs (the host run in-process; the file watcher is real).</summary>
[Collection(InProcessHostGroup.Name)]
public sealed class InventoryReloadTests(InProcessHostFixture fixture)
{
    [Fact]
    public async Task Reload_BadEditIsRejectedWithLineAndField_GoodEditIsApplied()
    {
        const string added = "52:54:00:00:01:99";
        var good = TestMachines.Inventory(fixture.Host.Files.DiskSha256);
        try
        {
            // Line 3 of this file holds the bad MAC.
            fixture.Host.Layout.WriteInventory($"profiles: []\nmachines:\n  - mac: 52:54:zz\n    hostname: broken\n");
            var errors = await Poll.UntilAsync(async () =>
            {
                var inventory = await fixture.Host.GetAsync("/api/v1/inventory", HostLayout.AdminToken);
                var list = inventory.Json.GetProperty("lastReloadErrors").EnumerateArray().Select(e => e.GetString()!).ToList();
                // Wait for this edit's error, not a previous test's.
                return list.Any(e => e.Contains("machines[0].mac", StringComparison.Ordinal)) ? list : null;
            });
            Assert.Contains(errors, e => e.StartsWith("inventory.yaml:3:", StringComparison.Ordinal) && e.Contains("machines[0].mac", StringComparison.Ordinal));

            // The last good inventory is still in use.
            var script = await fixture.Host.GetAsync($"/ipxe/{TestMachines.PlainMac}");
            Assert.Contains("kernel ", script.Body, StringComparison.Ordinal);

            fixture.Host.Layout.WriteInventory(good + $"\n  - mac: {added}\n    hostname: node-added\n    profile: debian-live\n");
            var name = await Poll.UntilAsync(async () =>
            {
                var machine = await fixture.Host.GetAsync($"/api/v1/machines/{added}", HostLayout.AdminToken);
                return machine.Status == 200 ? machine.Json.GetProperty("hostname").GetString() : null;
            });
            Assert.Equal("node-added", name);
            var inventoryAfter = await fixture.Host.GetAsync("/api/v1/inventory", HostLayout.AdminToken);
            Assert.Empty(inventoryAfter.Json.GetProperty("lastReloadErrors").EnumerateArray());
        }
        finally
        {
            fixture.Host.Layout.WriteInventory(good);
        }
    }

    [Fact]
    public async Task Reload_UnusableEfiVolumeLabel_IsRejectedNamingTheFieldAndTheFix()
    {
        var good = TestMachines.Inventory(fixture.Host.Files.DiskSha256);
        try
        {
            // Line 5 holds a label iPXE could not carry in a file:// URI (a space, and longer than FAT's 11 bytes).
            fixture.Host.Layout.WriteInventory("profiles: []\nmachines:\n  - mac: 52:54:00:00:01:98\n    local-boot:\n      efi-volume: MY INSTALLED DISK\n");
            var errors = await Poll.UntilAsync(async () =>
            {
                var inventory = await fixture.Host.GetAsync("/api/v1/inventory", HostLayout.AdminToken);
                var list = inventory.Json.GetProperty("lastReloadErrors").EnumerateArray().Select(e => e.GetString()!).ToList();
                return list.Any(e => e.Contains("local-boot", StringComparison.Ordinal)) ? list : null;
            });
            Assert.Contains(errors, e => e.StartsWith("inventory.yaml:5:", StringComparison.Ordinal)
                && e.Contains("machines[0].local-boot.efi-volume", StringComparison.Ordinal)
                && e.Contains("mkfs.vfat -n", StringComparison.Ordinal));
        }
        finally
        {
            fixture.Host.Layout.WriteInventory(good);
        }
    }
}
