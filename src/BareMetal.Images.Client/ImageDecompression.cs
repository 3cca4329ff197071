namespace BareMetal.Images;

/// <summary>How <see cref="ImageStreamClient"/> turns the bytes it receives into the bytes it writes.</summary>
public enum ImageDecompression
{
    /// <summary>Chosen from the source URL's extension: <c>.gz</c> is gzip, <c>.zst</c> is zstd, <c>.xz</c> is xz, anything else is written as received.</summary>
    Auto = 0,

    /// <summary>The bytes are written exactly as received.</summary>
    None = 1,

    /// <summary>The body is a gzip stream (RFC 1952) and is decompressed on the fly.</summary>
    Gzip = 2,

    /// <summary>The body is a Zstandard stream (RFC 8878) and is decompressed on the fly.</summary>
    Zstd = 3,

    /// <summary>The body is an xz file (XZ Utils' .xz format, LZMA2) and is decompressed on the fly by the system's liblzma.so.5.</summary>
    Xz = 4,
}
