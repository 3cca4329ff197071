using System.IO.Compression;
using ZstdSharp;

namespace BareMetal.Images;

/// <summary>
/// The response body turned into image bytes (decompressed or not), read synchronously by the decoding thread.
/// <see cref="Read"/> returns 0 at the end of the image and throws on corrupt input; it never returns a short
/// count except at the end, so callers can fill whole blocks with a loop.
/// </summary>
internal abstract class ImageByteSource : IDisposable
{
    /// <summary>Size of each read from the response body (and of the managed decoders' input buffers).</summary>
    public const int InputChunkSize = 256 * 1024;

    /// <summary><see langword="true"/> when the bytes are decompressed by the system's libzstd.</summary>
    public virtual bool IsNative => false;

    /// <summary>
    /// Picks the decoder: the body itself, <see cref="GZipStream"/>, libzstd when <paramref name="preferNative"/>
    /// and the library loads, else ZstdSharp (the managed port, used where libzstd.so.1 is missing); xz always by liblzma.
    /// </summary>
    public static ImageByteSource Create(ImageDecompression decompression, Stream body, bool preferNative) => decompression switch
    {
        // GZipStream reads its input 8 KiB at a time: a prefetched body serves that from memory; any other body is
        // buffered so each recv() can take 256 KiB. (The BufferedStream is left open: disposing it would dispose the
        // body, which the client owns.)
        ImageDecompression.Gzip => new StreamSource(new GZipStream(body is PrefetchedBody ? body : new BufferedStream(body, InputChunkSize), CompressionMode.Decompress, leaveOpen: true)),
        ImageDecompression.Zstd when preferNative && ZstdNative.IsAvailable => new NativeZstdSource(body),
        ImageDecompression.Zstd => new StreamSource(new DecompressionStream(body, bufferSize: InputChunkSize, checkEndOfStream: true, leaveOpen: true)),
        ImageDecompression.Xz => new NativeXzSource(body),
        _ => new StreamSource(body, owns: false),
    };

    /// <summary>Fills as much of <paramref name="destination"/> as the image still has; 0 at its end.</summary>
    public abstract int Read(Span<byte> destination);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>A <see cref="Stream"/> read until the destination is full or the stream ends.</summary>
    private sealed class StreamSource(Stream stream, bool owns = true) : ImageByteSource
    {
        public override int Read(Span<byte> destination)
        {
            var filled = 0;
            while (filled < destination.Length)
            {
                var n = stream.Read(destination[filled..]);
                if (n == 0)
                {
                    break;
                }

                filled += n;
            }

            return filled;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && owns)
            {
                stream.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
