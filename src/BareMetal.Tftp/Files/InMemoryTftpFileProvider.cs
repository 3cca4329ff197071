using System.Collections.Concurrent;

namespace BareMetal.Tftp;

/// <summary>Serves byte arrays by name (boot files embedded in a host, tests). Optionally keeps uploads.</summary>
/// <param name="writable">True to accept write requests, which replace the stored bytes on completion.</param>
public sealed class InMemoryTftpFileProvider(bool writable = false) : ITftpFileProvider
{
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>> _files = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces a file.</summary>
    /// <param name="name">The name clients ask for (relative, as validated by <see cref="TftpFileName"/>).</param>
    /// <param name="content">The bytes.</param>
    public void Set(string name, ReadOnlyMemory<byte> content) => _files[name] = content;

    /// <summary>Gets a file's bytes (for example one written by a client).</summary>
    /// <param name="name">The name.</param>
    /// <param name="content">The bytes.</param>
    /// <returns>True when the file exists.</returns>
    public bool TryGet(string name, out ReadOnlyMemory<byte> content) => _files.TryGetValue(name, out content);

    /// <inheritdoc/>
    public ValueTask<TftpOpenResult> OpenReadAsync(TftpFileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(_files.TryGetValue(request.FileName, out var content)
            ? TftpOpenResult.Success(new MemoryFile(content))
            : TftpOpenResult.NotFound);
    }

    /// <inheritdoc/>
    public ValueTask<TftpOpenWriteResult> OpenWriteAsync(TftpFileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(writable
            ? TftpOpenWriteResult.Success(new UploadFile(this, request.FileName))
            : TftpOpenWriteResult.Failure(TftpErrorCode.AccessViolation, "read-only server"));
    }

    internal sealed class MemoryFile(ReadOnlyMemory<byte> content) : ITftpReadableFile
    {
        public long Length => content.Length;

        public int Read(long offset, Span<byte> destination)
        {
            if (offset >= content.Length)
            {
                return 0;
            }

            var source = content.Span[(int)offset..];
            var count = Math.Min(source.Length, destination.Length);
            source[..count].CopyTo(destination);
            return count;
        }

        public void Dispose()
        {
        }
    }

    private sealed class UploadFile(InMemoryTftpFileProvider owner, string name) : ITftpWritableFile
    {
        private readonly MemoryStream _buffer = new();

        public void Write(ReadOnlySpan<byte> data) => _buffer.Write(data);

        public void Commit() => owner.Set(name, _buffer.ToArray());

        public void Dispose() => _buffer.Dispose();
    }
}
