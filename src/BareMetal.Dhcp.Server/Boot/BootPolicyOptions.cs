namespace BareMetal.Dhcp.Server.Boot;

/// <summary>Settings of <see cref="ArchitectureBootPolicy"/>: which first-stage file each firmware gets, and the iPXE script URL.</summary>
public sealed class BootPolicyOptions
{
    /// <summary>Offer boot options at all; when false the server hands out addresses only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The TFTP server (siaddr, "next-server"); <see langword="null"/> uses the interface's server address.</summary>
    public string? TftpServer { get; set; }

    /// <summary>The file for BIOS PXE (architecture 0): iPXE with the UNDI driver.</summary>
    public string BiosBootFile { get; set; } = "undionly.kpxe";

    /// <summary>The file for x64 UEFI PXE (architectures 7 and 9): iPXE using the firmware's SNP driver.</summary>
    public string UefiX64BootFile { get; set; } = "snponly.efi";

    /// <summary>The file for 32-bit UEFI PXE (architecture 6).</summary>
    public string UefiX86BootFile { get; set; } = "ipxe-i386.efi";

    /// <summary>The file for arm64 UEFI PXE (architecture 11).</summary>
    public string UefiArm64BootFile { get; set; } = "snponly-arm64.efi";

    /// <summary>
    /// The URL given to UEFI HTTP boot clients (architectures 16, 19), for example
    /// <c>http://{server}:{port}/tftp/ipxe.efi</c>; <see langword="null"/> ignores HTTP boot clients.
    /// </summary>
    public string? HttpBootUrl { get; set; } = "http://{server}:{port}/ipxe.efi";

    /// <summary>
    /// The script URL handed to clients that already run iPXE, so the chain never loops. Placeholders:
    /// <c>{server}</c>, <c>{port}</c>, <c>{mac}</c> (<c>52:54:00:12:34:56</c>), <c>{arch}</c> (the option 93 number).
    /// </summary>
    public string IpxeScriptUrl { get; set; } = "http://{server}:{port}/ipxe/{mac}";

    /// <summary>The HTTP port substituted for <c>{port}</c>.</summary>
    public int HttpPort { get; set; } = 8080;
}
