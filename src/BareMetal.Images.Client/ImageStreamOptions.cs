namespace BareMetal.Images;

/// <summary>Options of one <see cref="ImageStreamClient.StreamToFileAsync"/> call.</summary>
public sealed class ImageStreamOptions
{
    /// <summary>The smallest accepted <see cref="WriteBufferSize"/>.</summary>
    public const int MinWriteBufferSize = 64 * 1024;

    /// <summary>The alignment of every write but the last: block devices and the page cache both work in 4 KiB units.</summary>
    public const int WriteAlignment = 4096;

    /// <summary>
    /// Lowercase or uppercase hex SHA-256 of the bytes written (after decompression): the output digest. When set, the
    /// output is hashed on a dedicated hashing thread and a mismatch fails the transfer with
    /// <see cref="ImageStreamFailure.DigestMismatch"/>; the target is not marked good.
    /// </summary>
    /// <remarks>
    /// For a compressed image, leaving this unset switches the client to download-digest mode (see
    /// <see cref="ExpectedDownloadSha256"/>), which saves the SHA-256 of the whole decompressed image (about 0.8 s of
    /// CPU per GiB with SHA-NI). Setting both is correct and verifies both, and costs the most CPU of all modes.
    /// </remarks>
    public string? ExpectedSha256 { get; set; }

    /// <summary>
    /// Lowercase or uppercase hex SHA-256 of the bytes as served (for a <c>.zst</c> or <c>.gz</c> image: of the compressed
    /// file, what <c>sha256sum disk.raw.zst</c> prints; OpenStack Ironic's <c>image_checksum</c> has this meaning). A mismatch
    /// fails the transfer with <see cref="ImageStreamFailure.DigestMismatch"/> (the message says "download SHA-256") and the
    /// target is not marked good.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Download-digest mode: when the body is decompressed and <see cref="ExpectedSha256"/> is not set, the client
    /// hashes the downloaded bytes on the receiving thread as it reads them (in order; a resumed connection continues
    /// at the right offset, so the hash stays sequential) and starts no hashing thread. The decompressed output is then
    /// checked by the format itself: gzip's CRC-32 and ISIZE trailer (RFC 1952 §2.3.1) and the zstd frame content
    /// checksum (XXH64, RFC 8878 §3.1.1), which the zstd command writes by default. A zstd frame written without one
    /// (<c>zstd --no-check</c>) is accepted: the verified download digest already pins the exact compressed bytes and
    /// zstd decoding is deterministic, so only a decoder or memory fault would go unnoticed. Set
    /// <see cref="ExpectedSha256"/> as well to rule that out too.
    /// </para>
    /// <para>
    /// With <see cref="ExpectedSha256"/> also set, both digests are computed (the output on the hashing thread, the
    /// download on the decoding thread): correct, and slower than either alone. Without decompression the bytes
    /// downloaded are the bytes written, so one SHA-256 serves both expectations.
    /// </para>
    /// </remarks>
    public string? ExpectedDownloadSha256 { get; set; }

    /// <summary>How the body is decompressed; <see cref="ImageDecompression.Auto"/> (default) looks at the URL's extension.</summary>
    public ImageDecompression Decompression { get; set; } = ImageDecompression.Auto;

    /// <summary>
    /// How many consecutive attempts are made to resume a dropped connection with <c>Range</c> + <c>If-Range</c>
    /// before giving up (default 5; 0 disables resuming). The count starts again once bytes flow.
    /// </summary>
    public int MaxResumeAttempts { get; set; } = 5;

    /// <summary>Pause before each resume attempt, doubled on each consecutive attempt (default 200 ms).</summary>
    public TimeSpan ResumeDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A read that makes no progress for this long counts as a dropped connection (default 30 s).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Size of the blocks handed from the decoding thread to the writing thread, and of each direct write to the target;
    /// a multiple of <see cref="WriteAlignment"/> (default 1 MiB). About 8 MiB of blocks are in flight (at least 4
    /// blocks, at most 32). Page-cache writes go out in 128 KiB pieces whatever the block size.
    /// </summary>
    public int WriteBufferSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Treat the target as a block device: it is opened without truncation, its first <see cref="WriteBufferSize"/>
    /// bytes are written only after the digest is verified, and zeroed on failure. <see langword="null"/> (default)
    /// decides by the path: an existing path under <c>/dev/</c> is a device, anything else a file. A file target is
    /// written to a temporary sibling and renamed over the target only after verification.
    /// </summary>
    public bool? TargetIsDevice { get; set; }

    /// <summary>
    /// Verify the server's <c>Repr-Digest: sha-256</c> (RFC 9530) against the SHA-256 of the bytes received when it sends
    /// one (default on). That hash exists without decompression (it is the output's) and, for a compressed image, in
    /// download-digest mode (see <see cref="ExpectedDownloadSha256"/>); when only the output is hashed the header, which
    /// describes the compressed representation, is not checked.
    /// </summary>
    public bool VerifyServerDigest { get; set; } = true;

    /// <summary>Flush the target to stable storage (fsync) before reporting success (default on).</summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>
    /// Decompress zstd with the system's libzstd (<c>libzstd.so.1</c>, about 1.3x faster than the managed decoder) when it
    /// can be loaded (default on). Without it, or when this is off, the managed ZstdSharp decoder is used: same bytes,
    /// same errors. <see cref="ImageStreamResult.NativeZstd"/> tells which one ran.
    /// </summary>
    public bool PreferNativeZstd { get; set; } = true;

    /// <summary>
    /// Write whole blocks with <c>O_DIRECT</c> (Linux), straight from the client's aligned buffers to the disk instead of
    /// through the page cache (default off). Saves the kernel's copy of every byte and leaves the page cache to other
    /// work; the speed then depends on the device. Where the filesystem refuses <c>O_DIRECT</c> (or on other systems)
    /// the client writes through the page cache as usual. <see cref="ImageStreamResult.DirectWrites"/> tells which.
    /// </summary>
    public bool DirectWrites { get; set; }

    /// <summary>Minimum interval between two progress reports (default 250 ms); the last report is always sent.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    internal void Validate()
    {
        if (MaxResumeAttempts < 0)
        {
            throw Invalid($"{nameof(MaxResumeAttempts)} is {MaxResumeAttempts}: use 0 (no resume) or a positive count.");
        }

        if (WriteBufferSize < MinWriteBufferSize || WriteBufferSize % WriteAlignment != 0)
        {
            throw Invalid($"{nameof(WriteBufferSize)} is {WriteBufferSize}: use a multiple of {WriteAlignment} of at least {MinWriteBufferSize}.");
        }

        if (ReadTimeout <= TimeSpan.Zero)
        {
            throw Invalid($"{nameof(ReadTimeout)} is {ReadTimeout}: use a positive time span.");
        }

        if (ResumeDelay < TimeSpan.Zero)
        {
            throw Invalid($"{nameof(ResumeDelay)} is {ResumeDelay}: use zero or a positive time span.");
        }

        if (ExpectedSha256 is { } hex && (hex.Length != 64 || !IsHex(hex)))
        {
            throw Invalid($"{nameof(ExpectedSha256)} is not 64 hex digits: give the SHA-256 of the bytes written, e.g. the output of sha256sum.");
        }

        if (ExpectedDownloadSha256 is { } download && (download.Length != 64 || !IsHex(download)))
        {
            throw Invalid($"{nameof(ExpectedDownloadSha256)} is not 64 hex digits: give the SHA-256 of the file as served, e.g. the output of sha256sum disk.raw.zst.");
        }

        if (!Enum.IsDefined(Decompression))
        {
            throw Invalid($"{nameof(Decompression)} is {(int)Decompression}: use Auto, None, Gzip, Zstd or Xz.");
        }
    }

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ImageStreamException Invalid(string message) => new(ImageStreamFailure.InvalidOptions, message);
}
