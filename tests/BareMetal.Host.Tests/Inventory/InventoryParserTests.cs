using System.Net;
using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Netboot;
using BareMetal.NetbootHost.Inventory;

namespace BareMetal.Host.Tests.Inventory;

/// <summary>Inventories InventoryParser accepts, and what it reads from them. The parser itself, in this process.</summary>
public sealed class InventoryParserTests
{
    private static readonly (IPAddress, int) Subnet = (IPAddress.Parse("192.0.2.0"), 24);

    [Fact]
    public void TryParse_TheTestsInventory_ReadsProfilesMachinesWorkflowsAndLocalBoot()
    {
        var sha256 = new string('a', 64);

        Assert.True(InventoryParser.TryParse(TestMachines.Inventory(sha256), "inventory.yaml", Subnet, out var inventory, out var errors), string.Join('\n', errors));

        Assert.Empty(errors);
        Assert.Equal("inventory.yaml", inventory.Source);
        var profile = Assert.Single(inventory.Profiles).Value;
        Assert.Equal(new BootProfile("debian-live", "vmlinuz", profile.Initrds, "console=ttyS0 quiet"), profile);
        Assert.Equal(["initrd.gz"], profile.Initrds);
        Assert.Null(inventory.DefaultProfile);
        Assert.Equal(5, inventory.Machines.Count);

        var script = inventory.FindMachine(MacAddress.Parse(TestMachines.ScriptMac))!;
        Assert.Equal("node-script", script.Hostname);
        Assert.Equal("debian-live", script.Profile);
        Assert.Same(profile, inventory.ProfileFor(script));
        Assert.Null(script.Ip);
        Assert.Null(script.LocalBoot);
        Assert.Equal(
            [
                new WorkflowAction(0, WorkflowActionTypes.StreamImage, "disk.raw.gz", "/dev/vda", sha256, null),
                new WorkflowAction(1, WorkflowActionTypes.Report, null, null, null, "installed"),
            ],
            script.Workflow);

        Assert.Equal("BAREMETAL", inventory.FindMachine(MacAddress.Parse(TestMachines.AgentMac))!.LocalBoot!.EfiVolumeLabel);
        Assert.Null(inventory.FindMachine(MacAddress.Parse(TestMachines.FailMac))!.Workflow[0].Sha256);
        Assert.Equal(TestMachines.ReservedIp, inventory.FindMachine(MacAddress.Parse(TestMachines.ReservedMac))!.Ip!.ToString());
        Assert.Empty(inventory.FindMachine(MacAddress.Parse(TestMachines.PlainMac))!.Workflow);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("profiles: []\nmachines: []\n")]
    public void TryParse_EmptyInventory_IsValidAndEmpty(string text)
    {
        Assert.True(InventoryParser.TryParse(text, "inventory.yaml", Subnet, out var inventory, out var errors));

        Assert.Empty(errors);
        Assert.Empty(inventory.Profiles);
        Assert.Empty(inventory.Machines);
    }

    [Theory]
    [InlineData("52:54:00:AB:CD:EF")]
    [InlineData("52-54-00-ab-cd-ef")]
    public void TryParse_MacInAnySpelling_IsKeyedByItsCanonicalForm(string mac)
    {
        Assert.True(InventoryParser.TryParse($"machines:\n  - mac: {mac}\n", "inventory.yaml", null, out var inventory, out _));

        Assert.Equal("52:54:00:ab:cd:ef", Assert.Single(inventory.Machines).Key.ToString());
        Assert.NotNull(inventory.FindMachine(MacAddress.Parse("52:54:00:ab:cd:ef")));
    }

    [Fact]
    public void TryParse_JsonWithTabs_IsReadAsYamlFlowSyntax()
    {
        const string json = "{\n\t\"profiles\": [ { \"name\": \"live\", \"kernel\": \"vmlinuz\", \"cmdline\": \"console=ttyS0\" } ],\n"
            + "\t\"machines\": [ { \"mac\": \"52:54:00:09:09:01\", \"hostname\": \"json-node\", \"ip\": \"192.0.2.60\", \"profile\": \"live\" } ]\n}\n";

        Assert.True(InventoryParser.TryParse(json, "inventory.json", Subnet, out var inventory, out var errors), string.Join('\n', errors));

        var machine = Assert.Single(inventory.Machines).Value;
        Assert.Equal("json-node", machine.Hostname);
        Assert.Equal("192.0.2.60", machine.Ip!.ToString());
        Assert.Equal("console=ttyS0", inventory.Profiles["live"].Cmdline);
    }

    [Fact]
    public void TryParse_DefaultProfileUrlsAndSingleInitrd_AreRead()
    {
        const string text = """
            default-profile: rescue
            profiles:
              - name: rescue
                kernel: https://boot.example/rescue/vmlinuz
                initrds: rescue/initrd.gz
                cmdline: ''
            machines:
              - mac: 52:54:00:12:34:56
                local-boot: { efi-volume: ROOT, efi-loader: /EFI/debian/shimx64.efi, efi-args: quiet }
            """;

        Assert.True(InventoryParser.TryParse(text, "inventory.yaml", null, out var inventory, out var errors), string.Join('\n', errors));

        var rescue = inventory.DefaultProfile!;
        Assert.Equal(new BootProfile("rescue", "https://boot.example/rescue/vmlinuz", rescue.Initrds, ""), rescue);
        Assert.Equal(["rescue/initrd.gz"], rescue.Initrds);
        var machine = Assert.Single(inventory.Machines).Value;
        Assert.Same(rescue, inventory.ProfileFor(machine));
        Assert.Equal("ROOT", machine.LocalBoot!.EfiVolumeLabel);
        Assert.Equal("/EFI/debian/shimx64.efi", machine.LocalBoot.EfiLoaderPath);
        Assert.Equal("quiet", machine.LocalBoot.EfiLoaderArguments);
    }

    [Fact]
    public void TryParse_WithoutSubnet_AcceptsAnyReservation()
    {
        Assert.True(InventoryParser.TryParse("machines:\n  - mac: 52:54:00:12:34:56\n    ip: 198.51.100.7\n", "inventory.yaml", null, out var inventory, out _));

        Assert.Equal("198.51.100.7", Assert.Single(inventory.Machines).Value.Ip!.ToString());
    }
}
