namespace BareMetal.LabBmc.Configuration;

/// <summary>The emulator's configuration file (JSON): where it listens, who may log in, and the machines.</summary>
public sealed class BmcConfiguration
{
    /// <summary>The HTTPS listen address as <c>IP:port</c> (default <c>127.0.0.1:8443</c>).</summary>
    public string Listen { get; set; } = "127.0.0.1:8443";

    /// <summary>
    /// A unix socket for the chassis-control script of <c>ipmi_sim</c> (plain HTTP, guarded by file permissions),
    /// or null for none.
    /// </summary>
    public string? ControlSocket { get; set; }

    /// <summary>Where the certificate, QMP sockets, UEFI variable stores and serial logs go.</summary>
    public string StateDirectory { get; set; } = "bmc-state";

    /// <summary>The account's user name.</summary>
    public string UserName { get; set; } = "admin";

    /// <summary>A file holding the password (first line).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>An environment variable holding the password.</summary>
    public string? PasswordEnvironment { get; set; }

    /// <summary>Host names and addresses the certificate names besides the listen address.</summary>
    public List<string> CertificateHosts { get; set; } = ["localhost"];

    /// <summary>The reset types every system advertises (ResetType@Redfish.AllowableValues).</summary>
    public List<string> ResetTypes { get; set; } = ["On", "ForceOff", "GracefulShutdown", "ForceRestart", "PowerCycle"];

    /// <summary>How long a GracefulShutdown task waits for the guest to power off before it ends in Exception.</summary>
    public int GracefulShutdownTimeoutSeconds { get; set; } = 60;

    /// <summary>The machines.</summary>
    public List<MachineConfiguration> Machines { get; set; } = [];
}

/// <summary>One lab machine: its QEMU command line pieces and devices.</summary>
public sealed class MachineConfiguration
{
    /// <summary>The system id (a path segment: letters, digits, '-', '_').</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>A display name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Who controls it: <c>redfish</c> (default; a ComputerSystem) or <c>ipmi</c> (only through the control socket,
    /// for ipmi_sim's chassis script, so that machine proves the IPMI driver alone).
    /// </summary>
    public string ControlledBy { get; set; } = "redfish";

    /// <summary>The QEMU binary (default qemu-system-x86_64).</summary>
    public string Qemu { get; set; } = "qemu-system-x86_64";

    /// <summary>Arguments for QEMU besides the ones the emulator adds (-name, -qmp, firmware, devices with bootindex).</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary><c>bios</c> (SeaBIOS, default) or <c>uefi</c> (OVMF from <see cref="OvmfCode"/> and a copy of <see cref="OvmfVars"/>).</summary>
    public string Firmware { get; set; } = "bios";

    /// <summary>The OVMF code image (uefi).</summary>
    public string OvmfCode { get; set; } = "/usr/share/OVMF/OVMF_CODE_4M.fd";

    /// <summary>The OVMF variable store template, copied once per machine (uefi).</summary>
    public string OvmfVars { get; set; } = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    /// <summary>The network card, or null for none.</summary>
    public NicConfiguration? Nic { get; set; }

    /// <summary>The disk, or null for none.</summary>
    public DiskConfiguration? Disk { get; set; }

    /// <summary>Whether a CD drive (virtual media) is attached (default true).</summary>
    public bool VirtualMedia { get; set; } = true;

    /// <summary>The boot device with no override: <c>Hdd</c> (default) or <c>Pxe</c>.</summary>
    public string DefaultBoot { get; set; } = "Hdd";
}

/// <summary>A NIC: the QEMU device model, MAC and netdev backend.</summary>
public sealed class NicConfiguration
{
    /// <summary>The device and its options, such as <c>e1000</c> or <c>virtio-net-pci,romfile=</c>.</summary>
    public string Device { get; set; } = "e1000";

    /// <summary>The MAC address.</summary>
    public string Mac { get; set; } = string.Empty;

    /// <summary>The netdev backend without its id, such as <c>tap,ifname=tap0,script=no,downscript=no</c>.</summary>
    public string Netdev { get; set; } = "user";
}

/// <summary>A disk image and the device that presents it.</summary>
public sealed class DiskConfiguration
{
    /// <summary>The image file.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Its format (default raw).</summary>
    public string Format { get; set; } = "raw";

    /// <summary>The device model (default virtio-blk-pci).</summary>
    public string Device { get; set; } = "virtio-blk-pci";
}
