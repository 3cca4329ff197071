using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BareMetal.Images;

/// <summary>
/// Opens an existing file or block device for writing with <c>O_DIRECT</c> (Linux open(2)): writes go from the
/// caller's buffer to the device without being copied into the page cache. .NET has no such file option on Unix
/// (<c>FileOptions</c> 0x20000000 is ignored there), so the descriptor comes from libc's <c>open</c>.
/// </summary>
internal static partial class DirectWriteFile
{
    // <fcntl.h>: O_WRONLY 01, O_CLOEXEC 02000000 on every Linux architecture; O_DIRECT is 040000 on x86 and
    // 0200000 on ARM (asm-generic vs arch/arm*/include/uapi/asm/fcntl.h).
    private const int WriteOnly = 0x1;
    private const int CloseOnExec = 0x80000;

    /// <summary>Opens <paramref name="path"/> with O_DIRECT; <see langword="null"/> where the OS, CPU or filesystem cannot.</summary>
    public static SafeFileHandle? TryOpen(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var direct = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => 0x4000,
            Architecture.Arm64 or Architecture.Arm => 0x10000,
            _ => 0,
        };
        if (direct == 0)
        {
            return null;
        }

        // EINVAL: the filesystem does not support O_DIRECT (e.g. tmpfs before Linux 6.6); the caller writes through
        // the page cache instead.
        try
        {
            var fd = Open(path, WriteOnly | CloseOnExec | direct, 0);
            return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl names its libc differently): no direct writes, same results.
            return null;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);
}
