using System.Runtime.InteropServices;

namespace BareMetal.Images;

/// <summary>
/// The few functions of the system's Zstandard library (libzstd, RFC 8878) that streaming decompression needs.
/// The library is optional: <see cref="IsAvailable"/> probes it once, and callers fall back to the managed
/// decoder when it is missing (another OS, a minimal initramfs without libzstd.so.1).
/// </summary>
/// <remarks>
/// Signatures from zstd.h (stable API since v1.0): <c>size_t</c> is <see cref="nuint"/>, and the in/out buffer
/// structs are <c>{ const void* src; size_t size; size_t pos; }</c> / <c>{ void* dst; size_t size; size_t pos; }</c>.
/// No marshalling happens: every parameter is blittable, so Native AOT binds these lazily with <c>dlopen</c>.
/// </remarks>
internal static unsafe partial class ZstdNative
{
    /// <summary>The soname of libzstd 1.x on Linux (Debian's libzstd1 package, present on every Debian system).</summary>
    public const string LibraryName = "libzstd.so.1";

    private static readonly Lazy<bool> Probe = new(static () =>
    {
        if (!NativeLibrary.TryLoad(LibraryName, typeof(ZstdNative).Assembly, null, out var handle))
        {
            return false;
        }

        // Every entry point used below must exist; otherwise the first call would throw EntryPointNotFoundException.
        return NativeLibrary.TryGetExport(handle, "ZSTD_createDStream", out _)
            && NativeLibrary.TryGetExport(handle, "ZSTD_initDStream", out _)
            && NativeLibrary.TryGetExport(handle, "ZSTD_decompressStream", out _)
            && NativeLibrary.TryGetExport(handle, "ZSTD_freeDStream", out _)
            && NativeLibrary.TryGetExport(handle, "ZSTD_isError", out _)
            && NativeLibrary.TryGetExport(handle, "ZSTD_getErrorName", out _)
            && NativeLibrary.TryGetExport(handle, "ZSTD_DStreamInSize", out _);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary><see langword="true"/> when libzstd.so.1 could be loaded and exports every function used here.</summary>
    public static bool IsAvailable => Probe.Value;

    [LibraryImport(LibraryName)]
    public static partial nint ZSTD_createDStream();

    [LibraryImport(LibraryName)]
    public static partial nuint ZSTD_initDStream(nint stream);

    [LibraryImport(LibraryName)]
    public static partial nuint ZSTD_freeDStream(nint stream);

    [LibraryImport(LibraryName)]
    public static partial nuint ZSTD_decompressStream(nint stream, OutBuffer* output, InBuffer* input);

    [LibraryImport(LibraryName)]
    public static partial uint ZSTD_isError(nuint code);

    [LibraryImport(LibraryName)]
    public static partial nint ZSTD_getErrorName(nuint code);

    /// <summary>The input size libzstd recommends per call (one block plus its header, about 128 KiB).</summary>
    [LibraryImport(LibraryName)]
    public static partial nuint ZSTD_DStreamInSize();

    /// <summary>The library's text for an error code, e.g. "Unknown frame descriptor".</summary>
    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8(ZSTD_getErrorName(code)) ?? $"zstd error {code}";

    /// <summary><c>ZSTD_inBuffer</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InBuffer
    {
        public byte* Source;
        public nuint Size;
        public nuint Position;
    }

    /// <summary><c>ZSTD_outBuffer</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OutBuffer
    {
        public byte* Destination;
        public nuint Size;
        public nuint Position;
    }
}
