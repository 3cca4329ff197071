using System.Runtime.InteropServices;

namespace BareMetal.LabAgent.Native;

/// <summary>
/// The Linux system calls the actions make through glibc (mount(2), umount2(2), ioctl(2), reboot(2), syscall(2),
/// lchown(2)). Each import sets errno for <see cref="Marshal.GetLastPInvokeError"/>; string arguments are marshalled
/// as UTF-8 by the LibraryImport source generator (no runtime marshalling: Native AOT friendly).
/// </summary>
internal static partial class Libc
{
    // The soname, not "libc": an initramfs has no libc.so development symlink, and glibc installs libc.so.6 everywhere.
    private const string Library = "libc.so.6";

    /// <summary>umount2(2) flag: detach now, clean up when no longer busy.</summary>
    public const int MntDetach = 2;

    /// <summary>mount(2) flag: a bind mount (include/uapi/linux/mount.h MS_BIND).</summary>
    public const ulong MsBind = 4096;

    /// <summary>mount(2) flag: recursive (MS_REC), with MS_BIND a bind of the whole subtree.</summary>
    public const ulong MsRec = 16384;

    /// <summary><c>int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mount(string source, string target, string? fileSystemType, ulong flags, string? data);

    /// <summary><c>int umount2(const char *target, int flags)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);

    /// <summary><c>int ioctl(int fd, unsigned long request, void *argp)</c> with a pointer argument.</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static unsafe partial int Ioctl(int fd, ulong request, void* argument);

    /// <summary><c>int lchown(const char *path, uid_t owner, gid_t group)</c> (the link itself, never its target).</summary>
    [LibraryImport(Library, EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Lchown(string path, uint owner, uint group);

    /// <summary><c>int reboot(int cmd)</c> (glibc passes the two magic numbers itself).</summary>
    [LibraryImport(Library, EntryPoint = "reboot", SetLastError = true)]
    public static partial int Reboot(int command);

    /// <summary><c>long syscall(long number, ...)</c> with five integer arguments (for kexec_file_load).</summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, long a1, long a2, long a3, nint a4, ulong a5);

    /// <summary><c>int fsync(int fd)</c>: the file's (or device's) written data reaches the disk.</summary>
    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    /// <summary><c>int link(const char *oldpath, const char *newpath)</c>: a hard link (OCI layers carry them as tar entries).</summary>
    [LibraryImport(Library, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string existing, string newPath);

    /// <summary><c>int chroot(const char *path)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "chroot", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chroot(string path);

    /// <summary><c>int chdir(const char *path)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "chdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chdir(string path);

    /// <summary><c>int execvp(const char *file, char *const argv[])</c>: PATH is searched in this process's environment.</summary>
    [LibraryImport(Library, EntryPoint = "execvp", SetLastError = true)]
    public static unsafe partial int Execvp(byte* file, byte** argv);

    /// <summary>
    /// <c>void _exit(int status)</c>: ends the process at once, without the runtime's shutdown (no finalizers, no
    /// exit handlers), for a process that can no longer reach the files the runtime would touch.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "_exit")]
    public static partial void Exit(int status);

    /// <summary><c>ssize_t write(int fd, const void *buf, size_t count)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nint count);

    /// <summary><c>void sync(void)</c>: flushes every filesystem's dirty data before the machine goes away.</summary>
    [LibraryImport(Library, EntryPoint = "sync")]
    public static partial void Sync();

    /// <summary>The text of an errno value, e.g. "Device or resource busy (EBUSY)".</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    /// <summary>The last call's errno, described.</summary>
    public static string LastError() => Describe(Marshal.GetLastPInvokeError());
}
