using System.Globalization;
using BareMetal.Images;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>stream-image</c> parameters (each may also be given as the action's top-level field, as the lab's host sends them).</summary>
public sealed class StreamImageParameters
{
    /// <summary>The image URL (raw, <c>.gz</c>, <c>.zst</c> or <c>.xz</c>; see <see cref="Decompression"/>).</summary>
    public string? Url { get; set; }

    /// <summary>The disk, partition or file to write, e.g. <c>/dev/vda</c> or <c>/dev/vda2</c>.</summary>
    public string? Target { get; set; }

    /// <summary>Hex SHA-256 of the bytes written (after decompression).</summary>
    public string? Sha256 { get; set; }

    /// <summary>Hex SHA-256 of the bytes downloaded (the compressed file as served).</summary>
    public string? DownloadSha256 { get; set; }

    /// <summary><c>auto</c> (by the URL's extension, the default), <c>none</c>, <c>gzip</c>, <c>zstd</c> or <c>xz</c>.</summary>
    public string? Decompression { get; set; }
}

/// <summary>
/// <c>stream-image</c>: streams an image over HTTP to a disk or partition with BareMetal.Images'
/// <see cref="ImageStreamClient"/>: decompressed on the fly (gzip, zstd, xz), SHA-256 verified, resumed with
/// <c>Range</c> + <c>If-Range</c> across dropped connections, progress reported.
/// </summary>
public sealed class StreamImageAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "stream-image";

    private readonly ImageStreamClient _images;

    /// <summary>Creates the action.</summary>
    /// <param name="images">The streaming client (over an HttpClient without a total timeout).</param>
    public StreamImageAction(ImageStreamClient images) => _images = images;

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var action = context.Action;
        var p = new StreamImageParameters();
        if (action.Parameters is not null && !context.TryGetParameters(ActionJsonContext.Default.StreamImageParameters, out p, out var error))
        {
            return ActionResult.Failure(error);
        }

        var url = p.Url ?? action.Url;
        var target = p.Target ?? action.Target;
        var sha256 = p.Sha256 ?? action.Sha256;

        // The lab's messages, unchanged: the host shows them on the machine's timeline.
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var source))
        {
            return ActionResult.Failure($"action {action.Index}: 'url' is missing or not an absolute URL ('{url}')");
        }

        if (string.IsNullOrEmpty(target))
        {
            return ActionResult.Failure($"action {action.Index}: 'target' is missing; name the disk, e.g. /dev/vda");
        }

        if (!TryDecompression(p.Decompression, out var decompression))
        {
            return context.InvalidParameter("decompression", $"is '{p.Decompression}': use auto, none, gzip, zstd or xz");
        }

        try
        {
            var options = new ImageStreamOptions
            {
                ExpectedSha256 = string.IsNullOrEmpty(sha256) ? null : sha256,
                ExpectedDownloadSha256 = string.IsNullOrEmpty(p.DownloadSha256) ? null : p.DownloadSha256,
                Decompression = decompression,
            };
            context.Log.Info($"streaming {source} to {target}");
            var result = await _images.StreamToFileAsync(source, target, options, new ProgressAdapter(context.Progress), cancellationToken).ConfigureAwait(false);
            var seconds = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            return ActionResult.Success($"{result.BytesWritten} bytes written to {target} in {seconds} s, sha256 {result.Sha256}");
        }
        catch (Exception e) when (e is ImageStreamException or ArgumentException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return ActionResult.Failure(HostApiClient.Describe(e));
        }
    }

    private static bool TryDecompression(string? text, out ImageDecompression decompression)
    {
        decompression = text?.ToLowerInvariant() switch
        {
            null or "" or "auto" => ImageDecompression.Auto,
            "none" or "raw" => ImageDecompression.None,
            "gzip" or "gz" => ImageDecompression.Gzip,
            "zstd" or "zst" => ImageDecompression.Zstd,
            "xz" => ImageDecompression.Xz,
            _ => (ImageDecompression)(-1),
        };
        return decompression >= 0;
    }

    /// <summary>The image client's progress as the agent's: the lab's message, unchanged.</summary>
    private sealed class ProgressAdapter(IProgress<ActionProgress> progress) : IProgress<ImageStreamProgress>
    {
        public void Report(ImageStreamProgress value)
        {
            var total = value.TotalBytes is { } t ? $" of {t} received" : string.Empty;
            progress.Report(new ActionProgress(value.BytesWritten, value.TotalBytes, $"{value.BytesWritten} bytes written{total}"));
        }
    }
}
