using Microsoft.Extensions.Logging;

namespace BareMetal.Redfish.Http;

/// <summary>Source-generated log messages. Paths and statuses only: no headers, no bodies, so no credentials or tokens.</summary>
internal static partial class RedfishLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Redfish {Method} {Path}: {StatusCode} in {ElapsedMs} ms")]
    public static partial void Exchange(ILogger logger, string method, string path, int statusCode, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redfish {Method} {Path}: attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Redfish session opened for {UserName} at {SessionPath}")]
    public static partial void SessionOpened(ILogger logger, string userName, string sessionPath);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Redfish session {SessionPath} deleted")]
    public static partial void SessionDeleted(ILogger logger, string sessionPath);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Redfish session {SessionPath} could not be deleted: {Error}")]
    public static partial void SessionDeleteFailed(ILogger logger, string sessionPath, string error);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Redfish {Method} {Path} failed: {Error}")]
    public static partial void Failed(ILogger logger, string method, string path, string error);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Redfish session expired (401 on {Path}); logging in again")]
    public static partial void SessionRenewing(ILogger logger, string path);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Redfish task monitor {Monitor}: {StatusCode} {TaskState}")]
    public static partial void TaskPolled(ILogger logger, string monitor, int statusCode, string? taskState);
}
