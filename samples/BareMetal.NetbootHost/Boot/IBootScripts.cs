namespace BareMetal.NetbootHost.Boot;

/// <summary>What a machine's script boots: absolute kernel and initrd URLs and the full command line.</summary>
internal sealed record LinuxBootPlan(string KernelUrl, IReadOnlyList<string> InitrdUrls, string Cmdline, bool Efi);

/// <summary>Renders the three kinds of script the host serves at /ipxe/{mac}.</summary>
internal interface IBootScripts
{
    /// <summary>Kernel + initrds + command line, then boot.</summary>
    string LinuxBoot(LinuxBootPlan plan);

    /// <summary>
    /// Boot the local disk: BIOS sanboot of drive 0x80; EFI chains the installed loader from the volume named in
    /// <paramref name="localBoot"/>, or without one exits to the firmware's next boot option.
    /// </summary>
    string LocalBoot(bool efi, string reason, BareMetal.Ipxe.LocalBootSpec? localBoot);

    /// <summary>No boot for this machine: print why and hand control back to the firmware.</summary>
    string NoBoot(string reason);
}
