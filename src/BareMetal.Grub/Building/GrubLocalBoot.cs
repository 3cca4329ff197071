namespace BareMetal.Grub;

/// <summary>
/// How <see cref="GrubConfigs.WriteLocalBoot"/> sends a machine to its installed disk: chain-load the EFI loader on
/// the file system with <see cref="EfiVolumeLabel"/>, or (without a label) return to the firmware, which tries its
/// next boot option.
/// </summary>
public sealed record GrubLocalBoot
{
    /// <summary>The label of the installed EFI System Partition; null or empty returns to the firmware instead.</summary>
    public string? EfiVolumeLabel { get; init; }

    /// <summary>The loader on that partition; the removable-media path by default (under Secure Boot: a signed shim).</summary>
    public string EfiLoader { get; init; } = "/EFI/BOOT/BOOTX64.EFI";
}
