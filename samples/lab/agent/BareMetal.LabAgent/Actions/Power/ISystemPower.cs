namespace BareMetal.LabAgent.Actions.Power;

/// <summary>
/// <c>reboot(2)</c> commands (include/uapi/linux/reboot.h). glibc's <c>reboot(int)</c> passes LINUX_REBOOT_MAGIC1
/// (0xfee1dead) and LINUX_REBOOT_MAGIC2 (672274793) itself.
/// </summary>
public enum RebootCommand
{
    /// <summary>LINUX_REBOOT_CMD_RESTART: "Restarting system."</summary>
    Restart = 0x01234567,

    /// <summary>LINUX_REBOOT_CMD_POWER_OFF: "Power down."</summary>
    PowerOff = 0x4321FEDC,

    /// <summary>LINUX_REBOOT_CMD_KEXEC: start the kernel loaded by kexec_load/kexec_file_load.</summary>
    Kexec = 0x45584543,
}

/// <summary>
/// The system calls that end the in-memory OS. The power actions compute what to call and call it through this seam;
/// tests pass a recorder, so the plan is checked without the machine going away.
/// </summary>
public interface ISystemPower
{
    /// <summary>sync(2): flush every filesystem (the install's disks) before the machine stops.</summary>
    void Sync();

    /// <summary>reboot(2) with a command; returns only on failure, with the errno.</summary>
    /// <param name="command">What to do.</param>
    /// <returns>The errno (EPERM without CAP_SYS_BOOT, EINVAL when no kexec kernel is loaded).</returns>
    int Reboot(RebootCommand command);

    /// <summary>kexec_file_load(2): loads a kernel (and initrd, command line) to be started by <see cref="RebootCommand.Kexec"/>.</summary>
    /// <param name="kernelPath">The kernel image (bzImage / Image).</param>
    /// <param name="initrdPath">The initrd, or null (KEXEC_FILE_NO_INITRAMFS).</param>
    /// <param name="commandLine">The new kernel's command line.</param>
    /// <returns>0, or the errno (ENOSYS: no CONFIG_KEXEC_FILE; ENOEXEC: not a kernel image; EKEYREJECTED: signature required).</returns>
    int KexecFileLoad(string kernelPath, string? initrdPath, string commandLine);
}
