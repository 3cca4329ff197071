using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BareMetal.Images;

/// <summary>
/// The few functions of the system's liblzma (XZ Utils, the <c>.xz</c> container format) that streaming decompression
/// needs. The library is optional: <see cref="IsAvailable"/> probes it once; without it an <c>.xz</c> image fails
/// with a clear error before any request is made (there is no managed fallback, unlike zstd).
/// </summary>
/// <remarks>
/// Signatures from lzma/base.h and lzma/container.h (stable API since XZ Utils 5.0): every parameter is blittable, so
/// Native AOT binds them lazily with <c>dlopen</c>. <c>lzma_stream</c> is laid out as in lzma/base.h (LP64).
/// </remarks>
internal static unsafe partial class LzmaNative
{
    /// <summary>The soname of liblzma 5.x on Linux (Debian's liblzma5 package, a dependency of dpkg itself).</summary>
    public const string LibraryName = "liblzma.so.5";

    /// <summary><c>LZMA_CONCATENATED</c>: decode every .xz stream of the input, as the <c>xz</c> tool does (concatenated files).</summary>
    public const uint Concatenated = 0x08;

    private static readonly Lazy<bool> Probe = new(static () =>
        NativeLibrary.TryLoad(LibraryName, typeof(LzmaNative).Assembly, null, out var handle)
        && NativeLibrary.TryGetExport(handle, "lzma_stream_decoder", out _)
        && NativeLibrary.TryGetExport(handle, "lzma_code", out _)
        && NativeLibrary.TryGetExport(handle, "lzma_end", out _),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary><see langword="true"/> when liblzma.so.5 could be loaded and exports every function used here.</summary>
    public static bool IsAvailable => Probe.Value;

    /// <summary><c>lzma_ret lzma_stream_decoder(lzma_stream *strm, uint64_t memlimit, uint32_t flags)</c>.</summary>
    [LibraryImport(LibraryName)]
    public static partial LzmaResult lzma_stream_decoder(LzmaStream* stream, ulong memoryLimit, uint flags);

    /// <summary><c>lzma_ret lzma_code(lzma_stream *strm, lzma_action action)</c>.</summary>
    [LibraryImport(LibraryName)]
    public static partial LzmaResult lzma_code(LzmaStream* stream, LzmaAction action);

    /// <summary><c>void lzma_end(lzma_stream *strm)</c>: frees the decoder's memory.</summary>
    [LibraryImport(LibraryName)]
    public static partial void lzma_end(LzmaStream* stream);

    /// <summary>The text of lzma/base.h for each error value.</summary>
    public static string Describe(LzmaResult result) => result switch
    {
        LzmaResult.MemoryError => "cannot allocate memory (LZMA_MEM_ERROR)",
        LzmaResult.MemoryLimitError => "memory usage limit reached (LZMA_MEMLIMIT_ERROR)",
        LzmaResult.FormatError => "file format not recognized (LZMA_FORMAT_ERROR)",
        LzmaResult.OptionsError => "invalid or unsupported options (LZMA_OPTIONS_ERROR)",
        LzmaResult.DataError => "data is corrupt (LZMA_DATA_ERROR)",
        LzmaResult.BufferError => "unexpected end of input (LZMA_BUF_ERROR)",
        LzmaResult.ProgrammingError => "programming error (LZMA_PROG_ERROR)",
        _ => $"lzma_ret {(int)result}",
    };

    /// <summary><c>lzma_ret</c> (lzma/base.h).</summary>
    public enum LzmaResult
    {
        Ok = 0,
        StreamEnd = 1,
        NoCheck = 2,
        UnsupportedCheck = 3,
        GetCheck = 4,
        MemoryError = 5,
        MemoryLimitError = 6,
        FormatError = 7,
        OptionsError = 8,
        DataError = 9,
        BufferError = 10,
        ProgrammingError = 11,
    }

    /// <summary><c>lzma_action</c>: <c>LZMA_RUN</c> while input may follow, <c>LZMA_FINISH</c> once all of it was given.</summary>
    public enum LzmaAction
    {
        Run = 0,
        Finish = 3,
    }

    /// <summary><c>lzma_stream</c>; all zeros is <c>LZMA_STREAM_INIT</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LzmaStream
    {
        public byte* NextIn;
        public nuint AvailableIn;
        public ulong TotalIn;
        public byte* NextOut;
        public nuint AvailableOut;
        public ulong TotalOut;
        public nint Allocator;
        public nint Internal;
        public nint Reserved1;
        public nint Reserved2;
        public nint Reserved3;
        public nint Reserved4;
        public ulong SeekPosition;
        public ulong ReservedInt2;
        public nuint ReservedInt3;
        public nuint ReservedInt4;
        public int ReservedEnum1;
        public int ReservedEnum2;
    }
}

/// <summary>
/// xz decompression by the system's liblzma, straight into the caller's block. Like <see cref="NativeZstdSource"/>,
/// liblzma reads a <see cref="PrefetchedBody"/>'s chunks where the receiving thread put them (any other stream is
/// read into one pinned buffer). Concatenated .xz streams and stream padding are accepted (<c>LZMA_CONCATENATED</c>);
/// every block's integrity check (CRC32, CRC64 or SHA-256, as the file says) is verified by liblzma, and a body that
/// ends inside a stream is an error.
/// </summary>
internal sealed unsafe class NativeXzSource : ImageByteSource
{
    private readonly Stream _body;
    private readonly PrefetchedBody? _prefetched;
    private readonly byte[]? _input;

    /// <summary>In native memory: liblzma's state refers to it between calls, so it must not move.</summary>
    private LzmaNative.LzmaStream* _stream;
    private bool _endOfBody;
    private bool _finished;

    public NativeXzSource(Stream body)
    {
        _body = body;
        _prefetched = body as PrefetchedBody;
        _input = _prefetched is null ? GC.AllocateUninitializedArray<byte>(InputChunkSize, pinned: true) : null;
        _stream = (LzmaNative.LzmaStream*)NativeMemory.AllocZeroed((nuint)sizeof(LzmaNative.LzmaStream));
        var init = LzmaNative.lzma_stream_decoder(_stream, ulong.MaxValue, LzmaNative.Concatenated);
        if (init != LzmaNative.LzmaResult.Ok)
        {
            NativeMemory.Free(_stream);
            _stream = null;
            throw new InvalidOperationException($"lzma_stream_decoder failed: {LzmaNative.Describe(init)}.");
        }
    }

    public override int Read(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        fixed (byte* output = destination)
        {
            _stream->NextOut = output;
            _stream->AvailableOut = (nuint)destination.Length;
            while (_stream->AvailableOut > 0 && !_finished)
            {
                if (_stream->AvailableIn == 0 && !_endOfBody)
                {
                    NextInput();
                }

                // LZMA_FINISH once the body ended: only then does LZMA_CONCATENATED report the end of the last stream.
                var result = LzmaNative.lzma_code(_stream, _endOfBody ? LzmaNative.LzmaAction.Finish : LzmaNative.LzmaAction.Run);
                if (result == LzmaNative.LzmaResult.StreamEnd)
                {
                    _finished = true;
                }
                else if (result == LzmaNative.LzmaResult.BufferError && _endOfBody)
                {
                    throw new EndOfStreamException("The xz stream ended inside a block (truncated image).");
                }
                else if (result != LzmaNative.LzmaResult.Ok)
                {
                    throw new InvalidDataException($"liblzma: {LzmaNative.Describe(result)}");
                }
            }

            var filled = destination.Length - (int)_stream->AvailableOut;
            _stream->NextOut = null;
            _stream->AvailableOut = 0;
            return filled;
        }
    }

    private void NextInput()
    {
        int length;
        if (_prefetched is not null)
        {
            if (_prefetched.TryNextChunk(out var chunk))
            {
                // Native memory that stays put until the next TryNextChunk call.
                _stream->NextIn = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(chunk));
                length = chunk.Length;
            }
            else
            {
                length = 0;
            }
        }
        else
        {
            // Allocated pinned: its address never changes.
            _stream->NextIn = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_input!));
            length = _body.Read(_input);
        }

        _stream->AvailableIn = (nuint)length;
        _endOfBody = length == 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (_stream is not null)
        {
            LzmaNative.lzma_end(_stream);
            NativeMemory.Free(_stream);
            _stream = null;
        }

        base.Dispose(disposing);
    }

    ~NativeXzSource() => Dispose(false);
}
