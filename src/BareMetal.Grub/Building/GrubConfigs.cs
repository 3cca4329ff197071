using System.Buffers;

namespace BareMetal.Grub;

/// <summary>Whole per-machine configurations for the network-boot chain shim → GRUB → kernel.</summary>
/// <remarks>
/// No <c>insmod</c> is written: the signed network image carries its modules built in, and GRUB refuses to load
/// modules from anywhere while Secure Boot is enforced (shim lock).
/// </remarks>
public static class GrubConfigs
{
    /// <summary>
    /// Writes a configuration with one menu entry that loads <see cref="GrubLinuxBoot.Kernel"/> and its initrds and
    /// boots it after <see cref="GrubLinuxBoot.TimeoutSeconds"/>.
    /// </summary>
    public static void WriteLinuxBoot(IBufferWriter<byte> writer, GrubLinuxBoot boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        var b = new GrubConfigBuilder(writer);
        b.Set("timeout", boot.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("default", "netboot")
            .BeginMenuEntry(boot.Title, "netboot")
            .Echo("Loading " + boot.Kernel)
            .Linux(boot.Kernel, ToSpan(boot.KernelArguments));
        if (boot.Initrds.Count > 0)
        {
            b.Echo("Loading initrd").Initrd(ToSpan(boot.Initrds));
        }

        b.Boot().EndMenuEntry().Complete();
    }

    /// <summary>Writes a configuration that boots the installed disk (see <see cref="GrubLocalBoot"/>).</summary>
    public static void WriteLocalBoot(IBufferWriter<byte> writer, GrubLocalBoot boot)
    {
        ArgumentNullException.ThrowIfNull(boot);
        var b = new GrubConfigBuilder(writer);
        b.Set("timeout", "0").Set("default", "local").BeginMenuEntry("Boot from local disk", "local");
        if (string.IsNullOrEmpty(boot.EfiVolumeLabel))
        {
            // EFI: leaving GRUB returns to the boot manager, which moves on to the next boot option (the disk).
            b.Echo("Returning to the firmware for the next boot option").Exit(1);
        }
        else
        {
            b.SearchByLabel(boot.EfiVolumeLabel)
                .Echo("Chain-loading " + boot.EfiLoader + " from the volume labelled " + boot.EfiVolumeLabel)
                // A path without a device is read on $root, which the search just set.
                .Chainloader(boot.EfiLoader)
                .Boot();
        }

        b.EndMenuEntry().Complete();
    }

    private static ReadOnlySpan<string> ToSpan(IReadOnlyList<string> list) =>
        list is string[] array ? array : list.ToArray();
}
