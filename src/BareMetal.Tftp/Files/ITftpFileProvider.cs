namespace BareMetal.Tftp;

/// <summary>
/// Where the server gets the bytes of a read request and puts the bytes of a write request. The host may
/// register its own; <see cref="DirectoryTftpFileProvider"/>, <see cref="InMemoryTftpFileProvider"/>,
/// <see cref="GeneratedTftpFileProvider"/> and <see cref="CompositeTftpFileProvider"/> are included.
/// File names reach a provider already validated by <see cref="TftpFileName"/> (relative, '/'-separated,
/// printable ASCII, no '.' or '..' segment).
/// </summary>
public interface ITftpFileProvider
{
    /// <summary>Opens a file for a read request (RRQ).</summary>
    /// <param name="request">The validated request.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>The file, or the error to send.</returns>
    ValueTask<TftpOpenResult> OpenReadAsync(TftpFileRequest request, CancellationToken cancellationToken);

    /// <summary>Opens a file for a write request (WRQ); called only when the server allows writes.</summary>
    /// <param name="request">The validated request (with the client's <c>tsize</c> if sent).</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>The file, or the error to send.</returns>
    ValueTask<TftpOpenWriteResult> OpenWriteAsync(TftpFileRequest request, CancellationToken cancellationToken);
}

/// <summary>A file being read by a transfer. Reads may come from any offset (retransmissions go back).</summary>
public interface ITftpReadableFile : IDisposable
{
    /// <summary>The length in bytes, fixed for the transfer.</summary>
    long Length { get; }

    /// <summary>Copies bytes from <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    /// <param name="offset">Byte offset in the file.</param>
    /// <param name="destination">Where to copy.</param>
    /// <returns>Bytes copied: less than requested only at the end of the file.</returns>
    int Read(long offset, Span<byte> destination);
}

/// <summary>A file being written by a transfer, block by block in order.</summary>
public interface ITftpWritableFile : IDisposable
{
    /// <summary>Appends the bytes of the next block.</summary>
    /// <param name="data">The block's bytes.</param>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>The transfer completed: make the file visible.</summary>
    void Commit();
}

/// <summary>The request a provider is asked to serve.</summary>
/// <param name="FileName">The validated, relative file name.</param>
/// <param name="RemoteEndPoint">The client's address and port.</param>
/// <param name="Mode">The transfer mode.</param>
/// <param name="TransferSize">The client's <c>tsize</c> on a write request, if sent.</param>
public sealed record TftpFileRequest(string FileName, System.Net.IPEndPoint RemoteEndPoint, TftpTransferMode Mode, long? TransferSize = null);

/// <summary>The outcome of <see cref="ITftpFileProvider.OpenReadAsync"/>: a file or an error for the client.</summary>
public readonly record struct TftpOpenResult
{
    /// <summary>The opened file, when successful.</summary>
    public ITftpReadableFile? File { get; init; }

    /// <summary>The error code to send when <see cref="File"/> is null.</summary>
    public TftpErrorCode ErrorCode { get; init; }

    /// <summary>The error message to send when <see cref="File"/> is null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>A successful open.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The result.</returns>
    public static TftpOpenResult Success(ITftpReadableFile file) => new() { File = file };

    /// <summary>A refusal sent to the client as an ERROR packet.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="message">A short message.</param>
    /// <returns>The result.</returns>
    public static TftpOpenResult Failure(TftpErrorCode code, string message) => new() { ErrorCode = code, ErrorMessage = message };

    /// <summary>The usual "file not found".</summary>
    public static TftpOpenResult NotFound => Failure(TftpErrorCode.FileNotFound, "file not found");
}

/// <summary>The outcome of <see cref="ITftpFileProvider.OpenWriteAsync"/>.</summary>
public readonly record struct TftpOpenWriteResult
{
    /// <summary>The opened file, when successful.</summary>
    public ITftpWritableFile? File { get; init; }

    /// <summary>The error code to send when <see cref="File"/> is null.</summary>
    public TftpErrorCode ErrorCode { get; init; }

    /// <summary>The error message to send when <see cref="File"/> is null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>A successful open.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The result.</returns>
    public static TftpOpenWriteResult Success(ITftpWritableFile file) => new() { File = file };

    /// <summary>A refusal sent to the client as an ERROR packet.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="message">A short message.</param>
    /// <returns>The result.</returns>
    public static TftpOpenWriteResult Failure(TftpErrorCode code, string message) => new() { ErrorCode = code, ErrorMessage = message };
}
