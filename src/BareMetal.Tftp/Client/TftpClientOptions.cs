using System.Net;

namespace BareMetal.Tftp;

/// <summary>What a <see cref="TftpClient"/> asks for and how patient it is.</summary>
public sealed class TftpClientOptions
{
    /// <summary>The <c>blksize</c> to request (RFC 2348), or null for 512-byte blocks without the option.</summary>
    public int? BlockSize { get; set; }

    /// <summary>The <c>windowsize</c> to request (RFC 7440), or null for lockstep.</summary>
    public int? WindowSize { get; set; }

    /// <summary>Send <c>tsize</c> (RFC 2349): 0 on a get to learn the size, the length on a put.</summary>
    public bool RequestTransferSize { get; set; }

    /// <summary>The <c>timeout</c> option to send in seconds (RFC 2349), or null.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>The tftp-hpa <c>utimeout</c> option to send in microseconds, or null.</summary>
    public int? TimeoutMicroseconds { get; set; }

    /// <summary>The transfer mode (default octet).</summary>
    public TftpTransferMode Mode { get; set; } = TftpTransferMode.Octet;

    /// <summary>How long to wait before repeating a request or an ACK; also the first retransmission timeout of a put (default 250 ms).</summary>
    public TimeSpan RetransmitTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The floor of the adaptive retransmission timeout of a put (default 10 ms).</summary>
    public TimeSpan MinRetransmitTimeout { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Consecutive timeouts before giving up (default 10).</summary>
    public int MaxRetransmissions { get; set; } = 10;

    /// <summary>Give up after this long without progress (default 10 s).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The local address to bind, or null for any address and a free port.</summary>
    public IPEndPoint? LocalEndPoint { get; set; }

    internal TftpOptions ToRequestOptions(long? transferSize) => new()
    {
        BlockSize = BlockSize,
        WindowSize = WindowSize,
        TransferSize = RequestTransferSize ? transferSize ?? 0 : null,
        TimeoutSeconds = TimeoutSeconds,
        TimeoutMicroseconds = TimeoutMicroseconds,
    };
}

/// <summary>What a finished <see cref="TftpClient"/> transfer did.</summary>
/// <param name="Bytes">File bytes transferred.</param>
/// <param name="Options">The options the server acknowledged (empty without an OACK).</param>
/// <param name="Duration">From the request to the last ACK.</param>
/// <param name="Retransmissions">Packets the client sent again.</param>
public sealed record TftpTransferResult(long Bytes, TftpOptions Options, TimeSpan Duration, int Retransmissions);

/// <summary>A transfer failed: the server sent an ERROR, stopped answering, or broke the protocol.</summary>
public sealed class TftpException : Exception
{
    /// <summary>Creates an exception.</summary>
    public TftpException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public TftpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public TftpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an ERROR packet from the server.</summary>
    /// <param name="errorCode">The server's error code.</param>
    /// <param name="message">The server's message.</param>
    public TftpException(TftpErrorCode errorCode, string message)
        : base($"TFTP error {(int)errorCode} ({errorCode}): {message}")
    {
        ErrorCode = errorCode;
    }

    /// <summary>The server's error code, when the server sent an ERROR.</summary>
    public TftpErrorCode? ErrorCode { get; }

    /// <summary>True when the peer stopped answering.</summary>
    public bool IsTimeout { get; init; }
}
