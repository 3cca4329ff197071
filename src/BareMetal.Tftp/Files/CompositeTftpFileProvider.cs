namespace BareMetal.Tftp;

/// <summary>
/// Asks providers in order: the first answer other than "file not found" wins (for example generated
/// per-machine files first, then a directory of boot binaries). Writes go to the first provider.
/// </summary>
/// <param name="providers">The providers, in priority order (at least one).</param>
public sealed class CompositeTftpFileProvider(params ITftpFileProvider[] providers) : ITftpFileProvider
{
    private readonly ITftpFileProvider[] _providers = providers is { Length: > 0 }
        ? providers
        : throw new ArgumentException("CompositeTftpFileProvider needs at least one provider.", nameof(providers));

    /// <inheritdoc/>
    public async ValueTask<TftpOpenResult> OpenReadAsync(TftpFileRequest request, CancellationToken cancellationToken)
    {
        var result = TftpOpenResult.NotFound;
        foreach (var provider in _providers)
        {
            result = await provider.OpenReadAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.File is not null || result.ErrorCode != TftpErrorCode.FileNotFound)
            {
                return result;
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public ValueTask<TftpOpenWriteResult> OpenWriteAsync(TftpFileRequest request, CancellationToken cancellationToken) =>
        _providers[0].OpenWriteAsync(request, cancellationToken);
}
