using System.Net;

namespace BareMetal.Tftp;

/// <summary>Which way the bytes of a transfer flow, seen from the server.</summary>
public enum TftpTransferDirection
{
    /// <summary>A read request: the server sends a file.</summary>
    Read,

    /// <summary>A write request: the server receives a file.</summary>
    Write,
}

/// <summary>Why a transfer ended without delivering the whole file.</summary>
public enum TftpFailureReason
{
    /// <summary>It did not fail.</summary>
    None = 0,

    /// <summary>The peer stopped answering (retransmissions exhausted or idle timeout).</summary>
    Timeout,

    /// <summary>The peer sent an ERROR packet (for example EDK2 ending its tsize probe).</summary>
    PeerError,

    /// <summary>The peer's port is closed (ICMP port unreachable).</summary>
    PeerUnreachable,

    /// <summary>An upload exceeded the size limit.</summary>
    TooLarge,

    /// <summary>Reading or writing the file failed.</summary>
    FileError,

    /// <summary>The server stopped.</summary>
    Stopped,
}

/// <summary>One transfer as reported to <see cref="ITftpServerObserver"/>.</summary>
/// <param name="RemoteEndPoint">The client.</param>
/// <param name="FileName">The file name requested.</param>
/// <param name="Direction">Read or write.</param>
/// <param name="Options">The options acknowledged (empty for plain RFC 1350).</param>
/// <param name="Bytes">Bytes delivered so far.</param>
/// <param name="Duration">Time since the request.</param>
/// <param name="Retransmissions">Packets sent again.</param>
/// <param name="FailureReason">Why it failed, or <see cref="TftpFailureReason.None"/>.</param>
/// <param name="Message">A detail for people (a peer's error message), if any.</param>
public sealed record TftpTransferEvent(
    IPEndPoint RemoteEndPoint,
    string FileName,
    TftpTransferDirection Direction,
    TftpOptions Options,
    long Bytes,
    TimeSpan Duration,
    int Retransmissions,
    TftpFailureReason FailureReason = TftpFailureReason.None,
    string? Message = null);

/// <summary>Receives transfer events (zero or more observers in DI; the host builds its machine timeline from them).</summary>
public interface ITftpServerObserver
{
    /// <summary>A request was accepted and its first packet sent.</summary>
    /// <param name="transfer">The transfer.</param>
    void OnTransferStarted(TftpTransferEvent transfer);

    /// <summary>The whole file was delivered.</summary>
    /// <param name="transfer">The transfer.</param>
    void OnTransferCompleted(TftpTransferEvent transfer);

    /// <summary>The transfer ended early; see <see cref="TftpTransferEvent.FailureReason"/>.</summary>
    /// <param name="transfer">The transfer.</param>
    void OnTransferFailed(TftpTransferEvent transfer);
}
