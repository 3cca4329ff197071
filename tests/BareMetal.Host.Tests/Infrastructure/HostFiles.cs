using System.Security.Cryptography;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>
/// What every host the tests start serves: the inventory of <see cref="TestMachines"/>, a kernel, initrd and disk
/// image under --images, and the iPXE binaries under --tftp-root (deterministic pseudo-random bytes).
/// </summary>
internal sealed class HostFiles
{
    private HostFiles(byte[] kernel, byte[] disk, byte[] undionly)
    {
        Kernel = kernel;
        Disk = disk;
        Undionly = undionly;
    }

    public byte[] Kernel { get; }

    public byte[] Disk { get; }

    public byte[] Undionly { get; }

    public string DiskSha256 => Convert.ToHexStringLower(SHA256.HashData(Disk));

    /// <summary>Writes the files and the inventory (<see cref="TestMachines.Inventory"/>) into <paramref name="layout"/>.</summary>
    public static HostFiles Write(HostLayout layout, string reservedIp = TestMachines.ReservedIp)
    {
        var kernel = HostLayout.WriteFile(Path.Combine(layout.Images, "vmlinuz"), 300_000, 1);
        HostLayout.WriteFile(Path.Combine(layout.Images, "initrd.gz"), 120_000, 2);
        var disk = HostLayout.WriteFile(Path.Combine(layout.Images, "disk.raw.gz"), 2_000_000, 3);
        var undionly = HostLayout.WriteFile(Path.Combine(layout.TftpRoot, "undionly.kpxe"), 70_000, 4);
        HostLayout.WriteFile(Path.Combine(layout.TftpRoot, "snponly.efi"), 200_000, 5);
        var files = new HostFiles(kernel, disk, undionly);
        layout.WriteInventory(TestMachines.Inventory(files.DiskSha256, reservedIp));
        return files;
    }
}
