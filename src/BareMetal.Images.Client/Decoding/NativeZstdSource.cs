using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BareMetal.Images;

/// <summary>
/// Zstandard (RFC 8878) decompression by the system's libzstd, straight into the caller's block: libzstd reads a
/// <see cref="PrefetchedBody"/>'s chunks where the receiving thread put them (any other stream is read in
/// <see cref="ImageByteSource.InputChunkSize"/> pieces into one pinned input buffer), and
/// <c>ZSTD_decompressStream</c> writes its output directly where it will be hashed and written, with no copy.
/// Concatenated and skippable frames are handled by libzstd; a body that ends inside a frame is an error.
/// </summary>
internal sealed unsafe class NativeZstdSource : ImageByteSource
{
    private readonly Stream _body;
    private readonly PrefetchedBody? _prefetched;
    private readonly byte[]? _input;
    private nint _stream;

    /// <summary>The current input: a prefetched chunk in native memory, or the pinned <see cref="_input"/>.</summary>
    private byte* _inputStart;
    private int _inputLength;
    private int _inputPosition;
    private bool _endOfBody;

    /// <summary>
    /// The last return value of a ZSTD_decompressStream call that made progress: 0 means a frame was completely decoded and flushed, anything
    /// else that more input is expected (RFC 8878 §3.1.1: a frame ends with its last block and optional checksum).
    /// </summary>
    private nuint _lastHint;

    public NativeZstdSource(Stream body)
    {
        _body = body;
        _prefetched = body as PrefetchedBody;
        _input = _prefetched is null ? GC.AllocateUninitializedArray<byte>(InputChunkSize, pinned: true) : null;
        _stream = ZstdNative.ZSTD_createDStream();
        if (_stream == 0)
        {
            throw new InvalidOperationException("ZSTD_createDStream returned NULL (out of memory).");
        }

        var init = ZstdNative.ZSTD_initDStream(_stream);
        if (ZstdNative.ZSTD_isError(init) != 0)
        {
            ZstdNative.ZSTD_freeDStream(_stream);
            _stream = 0;
            throw new InvalidOperationException($"ZSTD_initDStream failed: {ZstdNative.ErrorName(init)}.");
        }
    }

    public override bool IsNative => true;

    public override int Read(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_stream == 0, this);
        fixed (byte* output = destination)
        {
            var outBuffer = new ZstdNative.OutBuffer { Destination = output, Size = (nuint)destination.Length };
            while (outBuffer.Position < outBuffer.Size)
            {
                if (_inputPosition == _inputLength && !_endOfBody)
                {
                    NextInput();
                }

                var inBuffer = new ZstdNative.InBuffer { Source = _inputStart, Size = (nuint)_inputLength, Position = (nuint)_inputPosition };
                var produced = outBuffer.Position;
                var consumed = inBuffer.Position;
                var result = ZstdNative.ZSTD_decompressStream(_stream, &outBuffer, &inBuffer);
                _inputPosition = (int)inBuffer.Position;
                if (ZstdNative.ZSTD_isError(result) != 0)
                {
                    throw new InvalidDataException($"libzstd: {ZstdNative.ErrorName(result)}");
                }

                if (outBuffer.Position != produced || inBuffer.Position != consumed)
                {
                    _lastHint = result;
                }
                else if (_endOfBody)
                {
                    // No input left and nothing buffered inside libzstd. (A call without progress returns the size of
                    // the next frame header it waits for, so only calls that made progress say where a frame ended.)
                    if (_lastHint != 0)
                    {
                        throw new EndOfStreamException("The zstd stream ended inside a frame (truncated image).");
                    }

                    break;
                }
            }

            return (int)outBuffer.Position;
        }
    }

    /// <summary>Moves to the next piece of compressed input (a prefetched chunk in place, or a read into the pinned buffer).</summary>
    private void NextInput()
    {
        if (_prefetched is not null)
        {
            if (_prefetched.TryNextChunk(out var chunk))
            {
                // The chunk is native memory that stays put until the next TryNextChunk call.
                _inputStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(chunk));
                _inputLength = chunk.Length;
            }
            else
            {
                _inputLength = 0;
            }
        }
        else
        {
            // The array was allocated pinned: its address never changes.
            _inputStart = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_input!));
            _inputLength = _body.Read(_input);
        }

        _inputPosition = 0;
        _endOfBody = _inputLength == 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (_stream != 0)
        {
            ZstdNative.ZSTD_freeDStream(_stream);
            _stream = 0;
        }

        base.Dispose(disposing);
    }

    ~NativeZstdSource() => Dispose(false);
}
