using System.Runtime.InteropServices;

namespace BareMetal.Dhcp.Server.Interop;

/// <summary>
/// The package's one native-interop layer: every libc call it makes (source-generated <see cref="LibraryImportAttribute"/>
/// stubs, no runtime marshalling), the flag values that differ between architectures, and the structures sendmmsg(2)
/// and recvmmsg(2) read, declared as structs so that their sizes and offsets come from the compiler for the running
/// architecture instead of being written down by hand (see <see cref="Transport.MmsgLayout"/>).
/// </summary>
internal static partial class LinuxNative
{
    private const string Libc = "libc";

    /// <summary><c>O_RDONLY</c>: 0 on every Linux architecture.</summary>
    public const int ReadOnly = 0;

    /// <summary>
    /// <c>O_DIRECTORY</c> from the kernel's <c>fcntl.h</c>: 0200000 on x86 and x86-64 (the generic value), 040000 on
    /// ARM and arm64, whose <c>asm/fcntl.h</c> swaps it with <c>O_DIRECT</c>.
    /// </summary>
    public static int Directory { get; } = DirectoryFlag(RuntimeInformation.ProcessArchitecture);

    internal static int DirectoryFlag(Architecture architecture) => architecture is Architecture.Arm or Architecture.Arm64 ? 0x4000 : 0x10000;

    [LibraryImport(Libc, EntryPoint = "recvmmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int ReceiveMultiple(int fd, nint messages, uint count, int flags, nint timeout);

    [LibraryImport(Libc, EntryPoint = "sendmmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int SendMultiple(int fd, nint messages, uint count, int flags);

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Open(byte[] nulTerminatedPath, int flags);

    [LibraryImport(Libc, EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int FileSync(int fd);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Close(int fd);

    /// <summary><c>struct iovec</c> (<c>sys/uio.h</c>): a pointer and a <c>size_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVector
    {
        public nint Base;
        public nuint Length;
    }

    /// <summary>
    /// <c>struct msghdr</c> as glibc declares it (<c>bits/socket.h</c>): pointers and <c>size_t</c> lengths, with
    /// <c>socklen_t</c> (32-bit) name length and flags; the compiler adds the same padding the C compiler does.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MessageHeader
    {
        public nint Name;
        public uint NameLength;
        public nint Vectors;
        public nuint VectorCount;
        public nint Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct mmsghdr</c>: a <c>msghdr</c> and the byte count the kernel fills in.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MultiMessageHeader
    {
        public MessageHeader Header;
        public uint Length;
    }
}
