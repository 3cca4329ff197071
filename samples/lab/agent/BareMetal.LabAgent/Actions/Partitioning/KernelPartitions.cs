using System.Globalization;
using BareMetal.LabAgent.Native;
using Microsoft.Win32.SafeHandles;

namespace BareMetal.LabAgent.Actions.Partitioning;

/// <summary>A partition as the kernel sees it (sysfs: <c>/sys/class/block/DISK/PART/{partition,start,size}</c>, 512-byte units).</summary>
/// <param name="Number">The partition number.</param>
/// <param name="StartBytes">Its first byte on the disk.</param>
/// <param name="LengthBytes">Its length.</param>
public sealed record KernelPartition(int Number, long StartBytes, long LengthBytes);

/// <summary>
/// Makes the kernel's view of a disk's partitions match a freshly written table. BLKRRPART asks the kernel to parse the
/// table again; it fails with EBUSY while any partition is open, and does nothing useful on a kernel built without the
/// GPT or MBR parser (CONFIG_EFI_PARTITION / CONFIG_MSDOS_PARTITION). Either way the agent then tells the kernel each
/// partition itself with BLKPG (BLKPG_DEL_PARTITION, BLKPG_ADD_PARTITION: what partx and parted do).
/// </summary>
public static class KernelPartitions
{
    /// <summary>The partitions sysfs lists for a disk.</summary>
    /// <param name="diskName">The kernel name, e.g. <c>vda</c>.</param>
    /// <param name="sysRoot">The sysfs mount.</param>
    /// <returns>The partitions, by number.</returns>
    public static IReadOnlyList<KernelPartition> Read(string diskName, string sysRoot = "/sys")
    {
        var list = new List<KernelPartition>();
        var disk = Path.Combine(sysRoot, "class", "block", diskName);
        foreach (var dir in Directory.EnumerateDirectories(disk))
        {
            var numberFile = Path.Combine(dir, "partition");
            if (File.Exists(numberFile)
                && int.TryParse(File.ReadAllText(numberFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && long.TryParse(File.ReadAllText(Path.Combine(dir, "start")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && long.TryParse(File.ReadAllText(Path.Combine(dir, "size")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                list.Add(new KernelPartition(number, start * 512, size * 512));
            }
        }

        return [.. list.OrderBy(p => p.Number)];
    }

    /// <summary>The partitions the plan describes, in kernel terms.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The expected partitions.</returns>
    public static IReadOnlyList<KernelPartition> Expected(PartitionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Partitions.Select(p => new KernelPartition(p.Number, p.FirstLba * plan.SectorSize, p.Sectors * plan.SectorSize))];
    }

    /// <summary>Re-reads the table, verifies the result in sysfs, and falls back to BLKPG; returns how it got there.</summary>
    /// <param name="device">The open disk.</param>
    /// <param name="diskName">Its kernel name.</param>
    /// <param name="plan">What was written.</param>
    /// <param name="method">"BLKRRPART" or "BLKPG" on success.</param>
    /// <param name="error">Why the kernel's view could not be updated.</param>
    /// <returns><see langword="true"/> when sysfs lists exactly the planned partitions.</returns>
    public static bool TrySync(SafeFileHandle device, string diskName, PartitionPlan plan, out string method, out string? error)
    {
        var expected = Expected(plan);
        var reread = BlockDevices.TryRereadPartitionTable(device);
        if (reread == 0 && Read(diskName).SequenceEqual(expected))
        {
            method = "BLKRRPART";
            error = null;
            return true;
        }

        method = "BLKPG";
        foreach (var stale in Read(diskName))
        {
            var errno = BlockDevices.TryBlkpg(device, operation: 2, stale.Number, 0, 0);
            if (errno != 0)
            {
                error = $"the kernel keeps partition {stale.Number} of {diskName}: BLKPG_DEL_PARTITION failed: {Libc.Describe(errno)}"
                    + (reread != 0 ? $" (BLKRRPART: {Libc.Describe(reread)})" : string.Empty) + "; a partition is mounted or in use: unmount it, or reboot to use the new table";
                return false;
            }
        }

        foreach (var p in expected)
        {
            var errno = BlockDevices.TryBlkpg(device, operation: 1, p.Number, p.StartBytes, p.LengthBytes);
            if (errno != 0)
            {
                error = $"BLKPG_ADD_PARTITION of {diskName} partition {p.Number} failed: {Libc.Describe(errno)}";
                return false;
            }
        }

        var now = Read(diskName);
        if (!now.SequenceEqual(expected))
        {
            error = $"after BLKPG the kernel lists {now.Count} partition(s) of {diskName}, not the {expected.Count} written";
            return false;
        }

        error = null;
        return true;
    }
}
