using System.Text.Json;
using BareMetal.LabAgent.Actions;
using BareMetal.LabAgent.Actions.Facts;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>The facts action on a procfs/sysfs tree built by the test, and on this machine.</summary>
public sealed class FactsActionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Collect_FakeTree_ReadsEveryFact()
    {
        var root = BuildTree();
        var facts = new FactsCollector(root).Collect();
        Assert.Equal(new CpuFacts("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "GenuineIntel", 4, 2), facts.Cpu);
        Assert.Equal(16318480L * 1024, facts.Memory.TotalBytes);
        Assert.Equal(
            [
                new DiskFacts("nvme0n1", 1000204886016, "Samsung SSD 980 PRO 1TB", "S5GXNF0R123456", "eui.002538b111b22c33", false, false, 512),
                new DiskFacts("sda", 4000787030016, "ST4000NM0035-1V4", "ZC1ABCDE", "naa.5000c500a1b2c3d4", true, false, 4096),
            ],
            facts.Disks);
        Assert.Equal(
            [
                new NicFacts("br0", "52:54:00:aa:bb:cc", null, null, "down", 1500, false),
                new NicFacts("eno1", "3c:ec:ef:01:02:03", "e1000e", 1000, "up", 9000, true),
            ],
            facts.Nics);
        Assert.Equal(new DmiFacts("Supermicro", "SYS-1029P-WTR", "S123456X", "4c4c4544-0037-3010-8052-b4c04f4e3532", "Supermicro", "X11DDW-L", "American Megatrends Inc.", "3.4", 23), facts.Dmi);
    }

    [Fact]
    public async Task Run_FakeTree_ReturnsTheFactsAsCamelCaseJson()
    {
        var result = await new FactsAction(new FactsCollector(BuildTree())).RunAsync(Contexts.For("facts", "{}"), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal("4 CPU(s) (Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz), 15.6 GiB memory, 2 disk(s), 2 NIC(s)", result.Message);
        var json = result.Data!.Value;
        Assert.Equal(4, json.GetProperty("cpu").GetProperty("logicalCount").GetInt32());
        Assert.Equal("naa.5000c500a1b2c3d4", json.GetProperty("disks")[1].GetProperty("wwn").GetString());
        Assert.Equal("e1000e", json.GetProperty("nics")[1].GetProperty("driver").GetString());
        Assert.Equal("4c4c4544-0037-3010-8052-b4c04f4e3532", json.GetProperty("dmi").GetProperty("productUuid").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nics")[0].GetProperty("speedMbps").ValueKind);
    }

    [Fact]
    public void Collect_EmptyRoot_GivesUnknownsNotExceptions()
    {
        var facts = new FactsCollector(_dir.Path).Collect();
        Assert.Equal(new CpuFacts(null, null, 0, null), facts.Cpu);
        Assert.Equal(0, facts.Memory.TotalBytes);
        Assert.Empty(facts.Disks);
        Assert.Empty(facts.Nics);
        Assert.Equal(new DmiFacts(null, null, null, null, null, null, null, null, null), facts.Dmi);
    }

    [Fact]
    public void Collect_ThisMachine_SaneValues()
    {
        var facts = new FactsCollector().Collect();
        Assert.Equal(Environment.ProcessorCount, facts.Cpu.LogicalCount);
        var meminfo = File.ReadAllLines("/proc/meminfo")[0];
        Assert.True(facts.Memory.TotalBytes > 64L << 20, meminfo);
        Assert.Contains(facts.Nics, n => n.Mac is { Length: 17 } mac && mac != "00:00:00:00:00:00");
        Assert.DoesNotContain(facts.Nics, n => n.Name == "lo");
        Assert.All(facts.Disks, d => Assert.True(d.SizeBytes >= 0 && !d.Name.StartsWith("loop", StringComparison.Ordinal), d.Name));
        var physical = facts.Nics.Where(n => n.Physical).ToArray();
        Assert.All(physical, n => Assert.False(string.IsNullOrEmpty(n.Driver), n.Name + " has a device but no driver"));
    }

    private string BuildTree()
    {
        var root = _dir.File("root");
        Write(root, "proc/cpuinfo", """
            processor	: 0
            vendor_id	: GenuineIntel
            model name	: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
            physical id	: 0

            processor	: 1
            vendor_id	: GenuineIntel
            model name	: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
            physical id	: 0

            processor	: 2
            physical id	: 1

            processor	: 3
            physical id	: 1

            """);
        Write(root, "proc/meminfo", "MemTotal:       16318480 kB\nMemFree:         1000000 kB\n");
        Write(root, "sys/block/sda/size", "7814037168\n");
        Write(root, "sys/block/sda/device/model", "ST4000NM0035-1V4\n");
        Write(root, "sys/block/sda/device/serial", "ZC1ABCDE\n");
        Write(root, "sys/block/sda/device/wwid", "naa.5000c500a1b2c3d4\n");
        Write(root, "sys/block/sda/queue/rotational", "1\n");
        Write(root, "sys/block/sda/queue/logical_block_size", "4096\n");
        Write(root, "sys/block/sda/removable", "0\n");
        Write(root, "sys/block/nvme0n1/size", "1953525168\n");
        Write(root, "sys/block/nvme0n1/device/model", "Samsung SSD 980 PRO 1TB                 \n");
        Write(root, "sys/block/nvme0n1/device/serial", "S5GXNF0R123456\n");
        Write(root, "sys/block/nvme0n1/wwid", "eui.002538b111b22c33\n");
        Write(root, "sys/block/nvme0n1/queue/rotational", "0\n");
        Write(root, "sys/block/nvme0n1/queue/logical_block_size", "512\n");
        Write(root, "sys/block/loop0/size", "2048\n");
        Write(root, "sys/class/net/lo/address", "00:00:00:00:00:00\n");
        Write(root, "sys/class/net/eno1/address", "3c:ec:ef:01:02:03\n");
        Write(root, "sys/class/net/eno1/speed", "1000\n");
        Write(root, "sys/class/net/eno1/operstate", "up\n");
        Write(root, "sys/class/net/eno1/mtu", "9000\n");
        Write(root, "sys/bus/pci/drivers/e1000e/bind", string.Empty);
        Directory.CreateDirectory(Path.Combine(root, "sys/class/net/eno1/device"));
        Directory.CreateSymbolicLink(Path.Combine(root, "sys/class/net/eno1/device/driver"), "../../../../bus/pci/drivers/e1000e");
        Write(root, "sys/class/net/br0/address", "52:54:00:aa:bb:cc\n");
        Write(root, "sys/class/net/br0/speed", "-1\n");
        Write(root, "sys/class/net/br0/operstate", "down\n");
        Write(root, "sys/class/net/br0/mtu", "1500\n");
        foreach (var (file, value) in new[]
        {
            ("sys_vendor", "Supermicro"), ("product_name", "SYS-1029P-WTR"), ("product_serial", "S123456X"),
            ("product_uuid", "4c4c4544-0037-3010-8052-b4c04f4e3532"), ("board_vendor", "Supermicro"), ("board_name", "X11DDW-L"),
            ("bios_vendor", "American Megatrends Inc."), ("bios_version", "3.4"), ("chassis_type", "23"),
        })
        {
            Write(root, "sys/class/dmi/id/" + file, value + "\n");
        }

        return root;
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
