using System.Net;
using Microsoft.Extensions.Logging;

namespace BareMetal.Tftp;

/// <summary>Source-generated log messages of the server (event ids 7000-7099).</summary>
internal static partial class TftpServerLog
{
    [LoggerMessage(7000, LogLevel.Information, "TFTP server listening on {EndPoint} (blksize cap {BlockSize}, windowsize cap {WindowSize}, {Mode})")]
    public static partial void Listening(ILogger logger, EndPoint endPoint, int blockSize, int windowSize, string mode);

    [LoggerMessage(7001, LogLevel.Information, "TFTP server stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(7002, LogLevel.Debug, "Ignored packet from {Remote}: {Reason}")]
    public static partial void PacketIgnored(ILogger logger, EndPoint remote, string reason);

    [LoggerMessage(7003, LogLevel.Information, "Refused {Direction} of '{FileName}' from {Remote}: {Code} {Reason}")]
    public static partial void RequestRefused(ILogger logger, TftpTransferDirection direction, string fileName, EndPoint remote, TftpErrorCode code, string reason);

    [LoggerMessage(7004, LogLevel.Debug, "Started {Direction} of '{FileName}' for {Remote} ({Options})")]
    public static partial void TransferStarted(ILogger logger, TftpTransferDirection direction, string fileName, EndPoint remote, TftpOptions options);

    [LoggerMessage(7005, LogLevel.Information, "Completed {Direction} of '{FileName}' for {Remote}: {Bytes} bytes in {Milliseconds:F1} ms, {Retransmissions} retransmissions")]
    public static partial void TransferCompleted(ILogger logger, TftpTransferDirection direction, string fileName, EndPoint remote, long bytes, double milliseconds, int retransmissions);

    [LoggerMessage(7006, LogLevel.Warning, "Failed {Direction} of '{FileName}' for {Remote} after {Bytes} bytes: {Reason} {Message}")]
    public static partial void TransferFailed(ILogger logger, TftpTransferDirection direction, string fileName, EndPoint remote, long bytes, TftpFailureReason reason, string? message);

    [LoggerMessage(7007, LogLevel.Warning, "Receive on the TFTP listener failed; continuing")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(7008, LogLevel.Error, "A TFTP file provider threw for '{FileName}'; answered with an error")]
    public static partial void ProviderFailed(ILogger logger, string fileName, Exception exception);

    // The hosting idiom's observer-failure event (docs/hosting.md): same text in every server package.
    [LoggerMessage(7009, LogLevel.Warning, "Observer {Observer} threw in {Callback}; the server goes on")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string callback);
}
