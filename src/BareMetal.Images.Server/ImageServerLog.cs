using System.Net;
using Microsoft.Extensions.Logging;

namespace BareMetal.Images;

/// <summary>Source-generated log messages of the image endpoints: every refusal says why.</summary>
internal static partial class ImageServerLog
{
    [LoggerMessage(1, LogLevel.Warning, "Refused path '{Path}' from {Client}: {Reason} (status {Status})")]
    public static partial void PathRefused(ILogger logger, string path, IPAddress? client, ImagePathError reason, int status);

    [LoggerMessage(2, LogLevel.Information, "Range '{Range}' for '{Path}' from {Client} not satisfiable: {Reason} (length {Length})")]
    public static partial void RangeRefused(ILogger logger, string range, string path, IPAddress? client, RangeParseResult reason, long length);

    [LoggerMessage(3, LogLevel.Warning, "'{Path}' changed while it was served to {Client} after {Sent} of {Length} bytes; the connection was aborted so no torn response completes")]
    public static partial void FileChanged(ILogger logger, string path, IPAddress? client, long sent, long length);

    [LoggerMessage(4, LogLevel.Warning, "Refused '{Path}' for {Client}: {Limit} reached")]
    public static partial void LimitReached(ILogger logger, string path, IPAddress? client, string limit);

    [LoggerMessage(5, LogLevel.Information, "Computed sha-256 of '{Path}' ({Length} bytes) in {ElapsedMs:F0} ms")]
    public static partial void DigestComputed(ILogger logger, string path, long length, double elapsedMs);

    [LoggerMessage(6, LogLevel.Warning, "Could not compute the digest of '{Path}'; serving without Repr-Digest")]
    public static partial void DigestFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "{Method} '{Path}' to {Client}: {Status}, {Bytes} body bytes")]
    public static partial void Served(ILogger logger, string method, string path, IPAddress? client, int status, long bytes);

    [LoggerMessage(8, LogLevel.Debug, "{Client} went away during '{Path}' after {Sent} bytes")]
    public static partial void ClientGone(ILogger logger, IPAddress? client, string path, long sent);

    [LoggerMessage(9, LogLevel.Error, "Serving '{Path}' to {Client} failed")]
    public static partial void ServeFailed(ILogger logger, string path, IPAddress? client, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "Corrupt compressed source for '{Path}' (on-the-fly decompression to {Client}); the connection was aborted")]
    public static partial void DecompressionFailed(ILogger logger, string path, IPAddress? client, Exception exception);
}
