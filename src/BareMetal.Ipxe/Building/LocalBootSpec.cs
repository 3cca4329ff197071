namespace BareMetal.Ipxe;

/// <summary>
/// How an installed machine boots its local disk from iPXE.
/// </summary>
/// <remarks>
/// <para>
/// BIOS: <c>sanboot --no-describe --drive 0x80</c> hands INT 13h drive <see cref="BiosDrive"/> to the BIOS boot
/// path (its MBR runs).
/// </para>
/// <para>
/// EFI without <see cref="EfiVolumeLabel"/>: <c>exit</c>, returning to the firmware. On many firmwares (OVMF among
/// them) a boot option that returns success makes the boot manager show its menu instead of trying the next
/// option (UEFI 2.10 §3.1.1), so this only suits firmware known to fall through.
/// </para>
/// <para>
/// EFI with <see cref="EfiVolumeLabel"/>: iPXE loads the installed loader itself from the FAT file system with that
/// volume label (iPXE's <c>file://LABEL/path</c> URIs, <c>src/interface/efi/efi_local.c</c>) and starts it, so the
/// firmware's boot order does not matter. If the volume or the file is missing, the script ends with
/// <c>exit 1</c> and the firmware tries its next boot option.
/// </para>
/// </remarks>
public sealed class LocalBootSpec
{
    /// <summary>The removable-media loader path for x64 UEFI (UEFI 2.10 §3.5.1.1), the default <see cref="EfiLoaderPath"/>.</summary>
    public const string X64RemovableMediaPath = "/EFI/BOOT/BOOTX64.EFI";

    /// <summary>The removable-media loader path for AArch64 UEFI (UEFI 2.10 §3.5.1.1).</summary>
    public const string Aa64RemovableMediaPath = "/EFI/BOOT/BOOTAA64.EFI";

    /// <summary>Boot the first hard disk on BIOS and <c>exit</c> on EFI.</summary>
    public static LocalBootSpec Default { get; } = new();

    /// <summary>The BIOS drive to <c>sanboot</c> (INT 13h numbering); default <see cref="IpxeScripts.FirstHardDisk"/>.</summary>
    public uint BiosDrive { get; init; } = IpxeScripts.FirstHardDisk;

    /// <summary>
    /// The FAT volume label of the installed EFI System Partition (as set with <c>mkfs.vfat -n</c>); when set, EFI
    /// machines chain <see cref="EfiLoaderPath"/> from that volume. At most 11 characters: letters, digits,
    /// <c>-</c> and <c>_</c> (iPXE compares labels case-insensitively).
    /// </summary>
    public string? EfiVolumeLabel { get; init; }

    /// <summary>The loader's absolute path on that volume; default <see cref="X64RemovableMediaPath"/>.</summary>
    public string EfiLoaderPath { get; init; } = X64RemovableMediaPath;

    /// <summary>
    /// Optional arguments passed to the EFI loader (its load options). GRUB and shim ignore them; a systemd-stub
    /// unified kernel image uses them instead of its built-in command line when Secure Boot is off.
    /// </summary>
    public string? EfiLoaderArguments { get; init; }

    /// <summary>The <c>file:</c> URI iPXE fetches the EFI loader from, or null without <see cref="EfiVolumeLabel"/>.</summary>
    public string? EfiLoaderUri => EfiVolumeLabel is { Length: > 0 } label ? _efiLoaderUri ??= "file://" + label + EfiLoaderPath : null;

    private static readonly System.Buffers.SearchValues<char> LabelCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly System.Buffers.SearchValues<char> PathCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./");

    private string? _efiLoaderUri;

    /// <summary>Throws <see cref="ArgumentException"/> naming the property and the fix when a value cannot be written.</summary>
    internal void Validate()
    {
        if (EfiVolumeLabel is { } label)
        {
            // FAT volume labels are 11 bytes (the BPB's BS_VolLab field); iPXE reads the label from the URI's host part.
            if (label.Length is 0 or > 11 || label.AsSpan().ContainsAnyExcept(LabelCharacters))
            {
                IpxeThrow.Invalid(nameof(EfiVolumeLabel), $"LocalBootSpec.EfiVolumeLabel '{label}' cannot be used: give the FAT label (1-11 letters, digits, '-' or '_'), e.g. the one set with mkfs.vfat -n.");
            }
        }

        if (EfiLoaderPath is not { Length: > 1 } path || path[0] != '/' || path.Contains("..", StringComparison.Ordinal)
            || path.AsSpan().ContainsAnyExcept(PathCharacters))
        {
            IpxeThrow.Invalid(nameof(EfiLoaderPath), $"LocalBootSpec.EfiLoaderPath '{EfiLoaderPath}' cannot be used: give an absolute path of letters, digits, '/', '.', '-' and '_' without '..', e.g. {X64RemovableMediaPath}.");
        }

        if (EfiLoaderArguments is { Length: > 0 } arguments)
        {
            IpxeArguments.RequireWords(arguments, nameof(EfiLoaderArguments), firstMayBeOption: false);
        }
    }
}
