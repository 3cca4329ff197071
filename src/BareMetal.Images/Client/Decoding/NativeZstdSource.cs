namespace BareMetal.Images;

/// <summary>
/// Zstandard (RFC 8878) decompression by the system's libzstd, straight into the caller's block: the body is
/// read in <see cref="ImageByteSource.InputChunkSize"/> pieces into one pinned input buffer, and
/// <c>ZSTD_decompressStream</c> writes its output directly where it will be hashed and written, with no copy.
/// Concatenated and skippable frames are handled by libzstd; a body that ends inside a frame is an error.
/// </summary>
internal sealed unsafe class NativeZstdSource : ImageByteSource
{
    private readonly Stream _body;
    private readonly byte[] _input = GC.AllocateUninitializedArray<byte>(InputChunkSize, pinned: true);
    private nint _stream;
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
        fixed (byte* input = _input)
        {
            var outBuffer = new ZstdNative.OutBuffer { Destination = output, Size = (nuint)destination.Length };
            while (outBuffer.Position < outBuffer.Size)
            {
                if (_inputPosition == _inputLength && !_endOfBody)
                {
                    _inputLength = _body.Read(_input);
                    _inputPosition = 0;
                    _endOfBody = _inputLength == 0;
                }

                var inBuffer = new ZstdNative.InBuffer { Source = input, Size = (nuint)_inputLength, Position = (nuint)_inputPosition };
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
