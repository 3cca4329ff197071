using Microsoft.Win32.SafeHandles;

namespace BareMetal.LabAgent.Native;

/// <summary>Block device facts and requests: size, sector size, partition device names (include/uapi/linux/fs.h).</summary>
internal static unsafe class BlockDevices
{
    /// <summary><c>BLKRRPART = _IO(0x12, 95)</c>: re-read the partition table.</summary>
    public const ulong BlkRrPart = 0x125F;

    /// <summary><c>BLKSSZGET = _IO(0x12, 104)</c>: logical sector size (int).</summary>
    public const ulong BlkSszGet = 0x1268;

    /// <summary><c>BLKPG = _IO(0x12, 105)</c>: add or delete one partition (include/uapi/linux/blkpg.h).</summary>
    public const ulong BlkPg = 0x1269;

    /// <summary><c>BLKGETSIZE64 = _IOR(0x12, 114, size_t)</c>: size in bytes (u64).</summary>
    public const ulong BlkGetSize64 = 0x80081272;

    /// <summary>The kernel's name of the block device at <paramref name="path"/> (symlinks followed), or null when it is not one.</summary>
    /// <param name="path">A path such as <c>/dev/vda</c> or <c>/dev/disk/by-id/...</c>.</param>
    /// <param name="sysRoot">The sysfs mount (tests pass a fake tree).</param>
    /// <returns>e.g. <c>vda</c>, or null for a regular file.</returns>
    public static string? KernelName(string path, string sysRoot = "/sys")
    {
        var resolved = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        if (!resolved.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = Path.GetFileName(resolved);
        return Directory.Exists(Path.Combine(sysRoot, "class", "block", name)) ? name : null;
    }

    /// <summary>
    /// The device node of partition <paramref name="number"/> of <paramref name="disk"/>: the kernel appends the number,
    /// with a "p" between when the disk's name ends in a digit (block/partitions/core.c: <c>vda1</c>, <c>nvme0n1p1</c>, <c>loop0p1</c>).
    /// </summary>
    /// <param name="disk">The disk's device path.</param>
    /// <param name="number">The 1-based partition number.</param>
    /// <returns>The partition's device path.</returns>
    public static string PartitionPath(string disk, int number) =>
        disk + (char.IsAsciiDigit(disk[^1]) ? "p" : string.Empty) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Size in bytes of an open block device.</summary>
    public static long Size(SafeFileHandle device)
    {
        ulong size = 0;
        Check(Libc.Ioctl(Fd(device), BlkGetSize64, &size), "BLKGETSIZE64");
        return (long)size;
    }

    /// <summary>Logical sector size of an open block device.</summary>
    public static int LogicalSectorSize(SafeFileHandle device)
    {
        var size = 0;
        Check(Libc.Ioctl(Fd(device), BlkSszGet, &size), "BLKSSZGET");
        return size;
    }

    /// <summary>Asks the kernel to re-read the partition table; returns the errno on failure (EBUSY when a partition is in use).</summary>
    public static int TryRereadPartitionTable(SafeFileHandle device) =>
        Libc.Ioctl(Fd(device), BlkRrPart, null) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();

    /// <summary>BLKPG_ADD_PARTITION (1) or BLKPG_DEL_PARTITION (2) of one partition; start and length in bytes. Returns the errno, 0 on success.</summary>
    public static int TryBlkpg(SafeFileHandle device, int operation, int number, long start, long length)
    {
        var partition = new BlkpgPartition { Start = start, Length = length, Number = number };
        var argument = new BlkpgIoctlArgument { Operation = operation, DataLength = sizeof(BlkpgPartition), Data = &partition };
        return Libc.Ioctl(Fd(device), BlkPg, &argument) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static void Check(int result, string request)
    {
        if (result != 0)
        {
            throw new IOException($"ioctl {request} failed: {Libc.LastError()}");
        }
    }

    /// <summary><c>struct blkpg_ioctl_arg { int op; int flags; int datalen; void *data; }</c>.</summary>
    private struct BlkpgIoctlArgument
    {
        public int Operation;
        public int Flags;
        public int DataLength;
        public void* Data;
    }

    /// <summary><c>struct blkpg_partition { long long start, length; int pno; char devname[64], volname[64]; }</c>.</summary>
    private struct BlkpgPartition
    {
        public long Start;
        public long Length;
        public int Number;
        public fixed byte DeviceName[64];
        public fixed byte VolumeName[64];
    }
}
