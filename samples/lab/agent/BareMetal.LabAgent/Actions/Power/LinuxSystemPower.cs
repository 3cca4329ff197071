using System.Runtime.InteropServices;
using System.Text;
using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions.Power;

/// <summary>The real <see cref="ISystemPower"/>: glibc's sync(2) and reboot(2), and kexec_file_load(2) through syscall(2).</summary>
public sealed unsafe class LinuxSystemPower : ISystemPower
{
    /// <summary>KEXEC_FILE_NO_INITRAMFS (include/uapi/linux/kexec.h): no initrd file descriptor is passed.</summary>
    public const ulong KexecFileNoInitramfs = 0x4;

    /// <inheritdoc/>
    public void Sync() => Libc.Sync();

    /// <inheritdoc/>
    public int Reboot(RebootCommand command) => Libc.Reboot((int)command) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <inheritdoc/>
    public int KexecFileLoad(string kernelPath, string? initrdPath, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);

        // syscall numbers from arch/x86/entry/syscalls/syscall_64.tbl (320) and include/uapi/asm-generic/unistd.h (294).
        long number = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 320,
            Architecture.Arm64 => 294,
            _ => -1,
        };
        if (number < 0)
        {
            return 38; // ENOSYS
        }

        using var kernel = File.OpenHandle(kernelPath, FileMode.Open, FileAccess.Read);
        using var initrd = initrdPath is null ? null : File.OpenHandle(initrdPath, FileMode.Open, FileAccess.Read);

        // kexec_file_load(int kernel_fd, int initrd_fd, unsigned long cmdline_len, const char *cmdline, unsigned long flags):
        // cmdline_len counts the terminating NUL (kernel/kexec_file.c checks cmdline[cmdline_len - 1] == '\0').
        var bytes = Encoding.UTF8.GetBytes(commandLine + "\0");
        fixed (byte* cmdline = bytes)
        {
            var result = Libc.Syscall(
                number,
                (int)kernel.DangerousGetHandle(),
                initrd is null ? -1 : (int)initrd.DangerousGetHandle(),
                bytes.Length,
                (nint)cmdline,
                initrd is null ? KexecFileNoInitramfs : 0);
            return result == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }
}
