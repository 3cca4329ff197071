namespace BareMetal.Images;

/// <summary>The outcome of a successful <see cref="ImageStreamClient.StreamToFileAsync"/>: the target holds verified bytes.</summary>
public sealed class ImageStreamResult
{
    internal ImageStreamResult(string? sha256, string? downloadSha256, long bytesWritten, long bytesReceived, int resumes, TimeSpan elapsed, string? entityTag, ImageDecompression decompression, bool serverDigestVerified, bool nativeZstd, bool directWrites)
    {
        Sha256 = sha256;
        DownloadSha256 = downloadSha256;
        BytesWritten = bytesWritten;
        BytesReceived = bytesReceived;
        Resumes = resumes;
        Elapsed = elapsed;
        EntityTag = entityTag;
        Decompression = decompression;
        ServerDigestVerified = serverDigestVerified;
        NativeZstd = nativeZstd;
        DirectWrites = directWrites;
    }

    /// <summary>
    /// Lowercase hex SHA-256 of the bytes written to the target (the output digest), or <see langword="null"/> when the
    /// output was not hashed: a compressed image streamed in download-digest mode, i.e. without
    /// <see cref="ImageStreamOptions.ExpectedSha256"/> (see <see cref="DownloadSha256"/>).
    /// </summary>
    public string? Sha256 { get; }

    /// <summary>
    /// Lowercase hex SHA-256 of the body as served (for a compressed image: of the compressed bytes), or
    /// <see langword="null"/> when it was not computed: a compressed image streamed with only
    /// <see cref="ImageStreamOptions.ExpectedSha256"/> set. Without decompression it equals <see cref="Sha256"/>.
    /// </summary>
    public string? DownloadSha256 { get; }

    /// <summary>Bytes written to the target (after decompression).</summary>
    public long BytesWritten { get; }

    /// <summary>Body bytes received from the server, over all connections.</summary>
    public long BytesReceived { get; }

    /// <summary>How many times the transfer resumed after a dropped connection.</summary>
    public int Resumes { get; }

    /// <summary>Wall-clock time of the whole transfer, including the final flush to the target.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The server's entity tag for the image, if it sent one.</summary>
    public string? EntityTag { get; }

    /// <summary>The decompression actually applied (never <see cref="ImageDecompression.Auto"/>).</summary>
    public ImageDecompression Decompression { get; }

    /// <summary>
    /// <see langword="true"/> when the server sent <c>Repr-Digest: sha-256</c> and it matched the bytes received (checked
    /// only when <see cref="DownloadSha256"/> was computed; see <see cref="ImageStreamOptions.VerifyServerDigest"/>).
    /// </summary>
    public bool ServerDigestVerified { get; }

    /// <summary>
    /// <see langword="true"/> when a zstd image was decompressed by the system's libzstd (libzstd.so.1), <see langword="false"/>
    /// when the managed decoder did it or no zstd was involved (see <see cref="ImageStreamOptions.PreferNativeZstd"/>).
    /// </summary>
    public bool NativeZstd { get; }

    /// <summary><see langword="true"/> when whole blocks were written with <c>O_DIRECT</c> (see <see cref="ImageStreamOptions.DirectWrites"/>).</summary>
    public bool DirectWrites { get; }
}
