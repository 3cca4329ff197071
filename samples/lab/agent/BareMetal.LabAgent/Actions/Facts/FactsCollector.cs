using System.Globalization;

namespace BareMetal.LabAgent.Actions.Facts;

/// <summary>
/// Reads <see cref="HardwareFacts"/> from procfs and sysfs under a root directory ("/" on the machine; a tree the tests
/// build otherwise). Every file is optional: a missing or unreadable one leaves its field null, never an exception,
/// because kernels and firmware differ in what they expose.
/// </summary>
public sealed class FactsCollector
{
    private readonly string _root;

    /// <summary>Creates a collector.</summary>
    /// <param name="root">The directory holding <c>proc</c> and <c>sys</c>.</param>
    public FactsCollector(string root = "/") => _root = root;

    /// <summary>Collects everything.</summary>
    /// <returns>The facts.</returns>
    public HardwareFacts Collect() => new(Cpu(), Memory(), Disks(), Nics(), Dmi());

    private CpuFacts Cpu()
    {
        string? model = null, vendor = null;
        var count = 0;
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines("proc/cpuinfo"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "processor":
                    count++;
                    break;
                case "model name":
                    model ??= value;
                    break;
                case "vendor_id":
                    vendor ??= value;
                    break;
                case "physical id":
                    sockets.Add(value);
                    break;
            }
        }

        return new CpuFacts(model, vendor, count, sockets.Count > 0 ? sockets.Count : null);
    }

    private MemoryFacts Memory()
    {
        // "MemTotal:       16318480 kB" (kB here means KiB: fs/proc/meminfo.c shifts pages by 10).
        foreach (var line in Lines("proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal)
                && long.TryParse(line["MemTotal:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return new MemoryFacts(kib * 1024);
            }
        }

        return new MemoryFacts(0);
    }

    private List<DiskFacts> Disks()
    {
        var disks = new List<DiskFacts>();
        foreach (var dir in Entries("sys/block"))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith("loop", StringComparison.Ordinal) || name.StartsWith("ram", StringComparison.Ordinal) || name.StartsWith("zram", StringComparison.Ordinal))
            {
                continue;
            }

            var size = Long(Path.Combine(dir, "size")) * 512 ?? 0;
            disks.Add(new DiskFacts(
                name,
                size,
                Text(Path.Combine(dir, "device", "model")),
                Text(Path.Combine(dir, "device", "serial")) ?? Text(Path.Combine(dir, "serial")),
                Text(Path.Combine(dir, "device", "wwid")) ?? Text(Path.Combine(dir, "wwid")),
                Text(Path.Combine(dir, "queue", "rotational")) == "1",
                Text(Path.Combine(dir, "removable")) == "1",
                (int?)Long(Path.Combine(dir, "queue", "logical_block_size"))));
        }

        return disks;
    }

    private List<NicFacts> Nics()
    {
        var nics = new List<NicFacts>();
        foreach (var dir in Entries("sys/class/net"))
        {
            var name = Path.GetFileName(dir);
            if (name == "lo")
            {
                continue;
            }

            var device = Path.Combine(dir, "device");
            var driverLink = new DirectoryInfo(Path.Combine(device, "driver")).LinkTarget;
            var speed = Long(Path.Combine(dir, "speed"));
            nics.Add(new NicFacts(
                name,
                Text(Path.Combine(dir, "address")),
                driverLink is null ? null : Path.GetFileName(driverLink),
                speed is > 0 and < int.MaxValue ? (int)speed.Value : null,   // -1 or EINVAL when the link is down
                Text(Path.Combine(dir, "operstate")),
                (int?)Long(Path.Combine(dir, "mtu")),
                Directory.Exists(device)));
        }

        return nics;
    }

    private DmiFacts Dmi()
    {
        string? D(string file) => Text(Path.Combine(_root, "sys", "class", "dmi", "id", file));
        return new DmiFacts(D("sys_vendor"), D("product_name"), D("product_serial"), D("product_uuid"), D("board_vendor"), D("board_name"), D("bios_vendor"), D("bios_version"), (int?)Long(Path.Combine(_root, "sys", "class", "dmi", "id", "chassis_type")));
    }

    private string[] Entries(string relative)
    {
        var path = Path.Combine(_root, relative);
        return Directory.Exists(path) ? [.. Directory.GetFileSystemEntries(path).Order(StringComparer.Ordinal)] : [];
    }

    private string[] Lines(string relative) => Text(Path.Combine(_root, relative), trim: false)?.Split('\n') ?? [];

    private static long? Long(string path) =>
        long.TryParse(Text(path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Text(string path, bool trim = true)
    {
        try
        {
            var text = File.ReadAllText(path);
            text = trim ? text.Trim() : text;
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Absent on this kernel or firmware, root-only, or EINVAL (a down link's speed): the fact is unknown.
            return null;
        }
    }
}
