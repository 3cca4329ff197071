namespace BareMetal.Grub;

/// <summary>What <see cref="GrubConfigs.WriteLinuxBoot"/> boots: a kernel, its initrds and its command line.</summary>
public sealed record GrubLinuxBoot
{
    /// <summary>The menu entry's title, shown on GRUB's console while it loads.</summary>
    public string Title { get; init; } = "Network boot";

    /// <summary>The kernel, usually a <see cref="GrubNetworkPath"/>; under Secure Boot it must be signed.</summary>
    public required string Kernel { get; init; }

    /// <summary>The initrds, loaded in order as one initramfs; may be empty.</summary>
    public IReadOnlyList<string> Initrds { get; init; } = [];

    /// <summary>The kernel command line, one parameter per item (each may hold spaces; GRUB quotes it for the kernel).</summary>
    public IReadOnlyList<string> KernelArguments { get; init; } = [];

    /// <summary>Seconds GRUB shows its menu before it boots the entry; 0 boots at once.</summary>
    public int TimeoutSeconds { get; init; }
}
