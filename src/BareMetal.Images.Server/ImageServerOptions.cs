namespace BareMetal.Images;

/// <summary>Options of the image endpoints (<c>services.AddImageServer(...)</c>, then <c>app.MapImages(prefix)</c>).</summary>
public sealed class ImageServerOptions
{
    /// <summary>The directory whose files are served. Required; it must exist when the endpoints are mapped.</summary>
    public string RootDirectory { get; set; } = string.Empty;

    /// <summary>Most ranges one <c>Range</c> header may ask for; more is answered 416 (default 16; RFC 9110 §15.5.17).</summary>
    public int MaxRanges { get; set; } = 16;

    /// <summary>Longest accepted path below the endpoint prefix, in characters (default 1024); longer is answered 414.</summary>
    public int MaxPathLength { get; set; } = 1024;

    /// <summary>Longest accepted path segment (file or directory name), in characters (default 255, the Linux NAME_MAX).</summary>
    public int MaxSegmentLength { get; set; } = 255;

    /// <summary>Most file bodies streamed at once by all clients together; more is answered 503 (default 0 = no limit).</summary>
    public int MaxConcurrentStreams { get; set; }

    /// <summary>Most file bodies streamed at once to one client address; more is answered 429 (default 0 = no limit).</summary>
    public int MaxStreamsPerClient { get; set; }

    /// <summary>Bandwidth cap for all bodies together, in bytes per second (default 0 = no limit).</summary>
    public long MaxBytesPerSecond { get; set; }

    /// <summary>Bandwidth cap per client address, in bytes per second (default 0 = no limit).</summary>
    public long MaxBytesPerSecondPerClient { get; set; }

    /// <summary>
    /// How many bytes of file data all streams together read into response buffers at a time (default 64 MiB). Each
    /// stream reads chunks of this budget divided by the streams active, rounded down to a power of two between
    /// 64 KiB and 1 MiB: one large download moves in 1 MiB steps (fewer reads, flushes and thread hand-offs), while
    /// a boot storm of a thousand clients stays within about the budget instead of a megabyte each.
    /// </summary>
    public long ReadAheadBudget { get; set; } = 64L * 1024 * 1024;

    /// <summary>Send <c>Repr-Digest: sha-256=:…:</c> (RFC 9530), computed once per file version and cached (default on).</summary>
    public bool EnableReprDigest { get; set; } = true;

    /// <summary>
    /// Files up to this size wait for their digest on the first request so the header is always present; larger
    /// files are served at once and carry the header once the background computation finished (default 256 MiB).
    /// </summary>
    public long DigestWaitLimit { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// When a requested name does not exist but <c>name.zst</c> or <c>name.gz</c> does, stream it decompressed
    /// (no ranges, no Content-Length, an entity tag of its own). Default off.
    /// </summary>
    public bool DecompressOnTheFly { get; set; }

    /// <summary>Content-Type overrides by extension including the dot (e.g. <c>.img</c>), winning over the built-in table.</summary>
    public IDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws listing every problem <see cref="Validate(List{string})"/> finds (each names the field and the fix).</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        Validate(errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }
    }

    /// <summary>Adds every problem with these options to <paramref name="errors"/>, each naming the field and the fix.</summary>
    internal void Validate(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(RootDirectory))
        {
            errors.Add(Invalid($"{nameof(RootDirectory)} is empty: set it to the directory holding the images."));
        }
        else if (!Directory.Exists(RootDirectory))
        {
            errors.Add(Invalid($"{nameof(RootDirectory)} '{RootDirectory}' does not exist: create it or point it at the images directory."));
        }

        if (MaxRanges is < 1 or > 1000)
        {
            errors.Add(Invalid($"{nameof(MaxRanges)} is {MaxRanges}: use 1 to 1000."));
        }

        if (MaxPathLength < 1 || MaxSegmentLength < 1)
        {
            errors.Add(Invalid($"{nameof(MaxPathLength)} and {nameof(MaxSegmentLength)} must be positive (defaults 1024 and 255)."));
        }

        if (MaxConcurrentStreams < 0 || MaxStreamsPerClient < 0)
        {
            errors.Add(Invalid($"{nameof(MaxConcurrentStreams)} and {nameof(MaxStreamsPerClient)} must be 0 (no limit) or positive."));
        }

        if (MaxBytesPerSecond is > 0 and < 4096 || MaxBytesPerSecondPerClient is > 0 and < 4096 || MaxBytesPerSecond < 0 || MaxBytesPerSecondPerClient < 0)
        {
            errors.Add(Invalid($"{nameof(MaxBytesPerSecond)} and {nameof(MaxBytesPerSecondPerClient)} must be 0 (no limit) or at least 4096."));
        }

        if (ReadAheadBudget < 64 * 1024)
        {
            errors.Add(Invalid($"{nameof(ReadAheadBudget)} is {ReadAheadBudget}: use at least 65536 bytes (default 64 MiB)."));
        }

        if (DigestWaitLimit < 0)
        {
            errors.Add(Invalid($"{nameof(DigestWaitLimit)} is {DigestWaitLimit}: use 0 (never wait) or a size in bytes."));
        }
    }

    private static string Invalid(string message) => "ImageServerOptions." + message;
}
