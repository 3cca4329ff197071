namespace BareMetal.Tftp;

/// <summary>
/// Generates a file per request from the client's address and the name asked for (per-MAC iPXE scripts,
/// per-host configs). The delegate returns null for "not found". Read-only.
/// </summary>
/// <param name="generate">Makes the bytes for a request, or null when it has none.</param>
public sealed class GeneratedTftpFileProvider(Func<TftpFileRequest, CancellationToken, ValueTask<ReadOnlyMemory<byte>?>> generate) : ITftpFileProvider
{
    /// <inheritdoc/>
    public async ValueTask<TftpOpenResult> OpenReadAsync(TftpFileRequest request, CancellationToken cancellationToken)
    {
        var content = await generate(request, cancellationToken).ConfigureAwait(false);
        return content is { } bytes ? TftpOpenResult.Success(new InMemoryTftpFileProvider.MemoryFile(bytes)) : TftpOpenResult.NotFound;
    }

    /// <inheritdoc/>
    public ValueTask<TftpOpenWriteResult> OpenWriteAsync(TftpFileRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TftpOpenWriteResult.Failure(TftpErrorCode.AccessViolation, "read-only provider"));
}
