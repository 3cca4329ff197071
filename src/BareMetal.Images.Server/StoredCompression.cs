namespace BareMetal.Images;

/// <summary>
/// How an image is compressed on disk when <see cref="ImageServerOptions.DecompressOnTheFly"/> serves it
/// decompressed (the server's own view; the client's <c>ImageDecompression</c> lives in BareMetal.Images.Client,
/// which the server does not reference).
/// </summary>
internal enum StoredCompression
{
    /// <summary>A <c>.gz</c> file (RFC 1952).</summary>
    Gzip,

    /// <summary>A <c>.zst</c> file (RFC 8878).</summary>
    Zstd,
}
