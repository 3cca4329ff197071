using Microsoft.Win32.SafeHandles;

namespace BareMetal.Tftp;

/// <summary>
/// Serves files under one root directory. Confinement is checked on the opened handle: on Linux the
/// real path of <c>/proc/self/fd/N</c> must lie inside the root's real path, so a symbolic link (or a
/// directory swapped for one between check and open) cannot lead outside the root. Writes are refused
/// unless <paramref name="writable"/> is true; they go to a temporary file renamed into place on completion.
/// </summary>
/// <param name="rootDirectory">The root; must exist.</param>
/// <param name="writable">True to accept write requests.</param>
/// <param name="allowOverwrite">True to let a write replace an existing file.</param>
public sealed class DirectoryTftpFileProvider(string rootDirectory, bool writable = false, bool allowOverwrite = false) : ITftpFileProvider
{
    private readonly string _root = RealRoot(rootDirectory);

    /// <summary>The real (symlink-free) path of the root.</summary>
    public string RootDirectory => _root;

    /// <inheritdoc/>
    public ValueTask<TftpOpenResult> OpenReadAsync(TftpFileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.Combine(_root, request.FileName);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.None);
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult(TftpOpenResult.NotFound);
        }
        catch (DirectoryNotFoundException)
        {
            return ValueTask.FromResult(TftpOpenResult.NotFound);
        }
        catch (UnauthorizedAccessException)
        {
            return ValueTask.FromResult(TftpOpenResult.Failure(TftpErrorCode.AccessViolation, "access denied"));
        }
        catch (IOException)
        {
            return ValueTask.FromResult(TftpOpenResult.Failure(TftpErrorCode.AccessViolation, "cannot open file"));
        }

        if (!IsInsideRoot(handle, path))
        {
            handle.Dispose();
            return ValueTask.FromResult(TftpOpenResult.Failure(TftpErrorCode.AccessViolation, "outside the root"));
        }

        long length;
        try
        {
            length = RandomAccess.GetLength(handle);
        }
        catch (IOException)
        {
            handle.Dispose();
            return ValueTask.FromResult(TftpOpenResult.Failure(TftpErrorCode.AccessViolation, "cannot read file"));
        }

        return ValueTask.FromResult(TftpOpenResult.Success(new HandleFile(handle, length)));
    }

    /// <inheritdoc/>
    public ValueTask<TftpOpenWriteResult> OpenWriteAsync(TftpFileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!writable)
        {
            return ValueTask.FromResult(TftpOpenWriteResult.Failure(TftpErrorCode.AccessViolation, "read-only server"));
        }

        var path = Path.Combine(_root, request.FileName);
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory) || !IsInside(RealPath(directory)))
        {
            return ValueTask.FromResult(TftpOpenWriteResult.Failure(TftpErrorCode.AccessViolation, "no such directory"));
        }

        if (!allowOverwrite && Path.Exists(path))
        {
            return ValueTask.FromResult(TftpOpenWriteResult.Failure(TftpErrorCode.FileAlreadyExists, "file exists"));
        }

        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".part");
        try
        {
            var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            return ValueTask.FromResult(TftpOpenWriteResult.Success(new WriteFile(handle, temporary, path, allowOverwrite)));
        }
        catch (IOException)
        {
            return ValueTask.FromResult(TftpOpenWriteResult.Failure(TftpErrorCode.DiskFull, "cannot create file"));
        }
        catch (UnauthorizedAccessException)
        {
            return ValueTask.FromResult(TftpOpenWriteResult.Failure(TftpErrorCode.AccessViolation, "access denied"));
        }
    }

    private static string RealRoot(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        if (!Directory.Exists(rootDirectory))
        {
            throw new DirectoryNotFoundException($"TFTP root directory '{rootDirectory}' does not exist: create it or set RootDirectory to an existing folder.");
        }

        return Path.TrimEndingDirectorySeparator(RealPath(Path.GetFullPath(rootDirectory)));
    }

    private static string RealPath(string path)
    {
        // Resolve every component so the comparison happens between real paths.
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : RealPath(target.FullName);
            }

            current = next;
        }

        return current;
    }

    private bool IsInside(string realPath) =>
        realPath.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || realPath == _root;

    private bool IsInsideRoot(SafeFileHandle handle, string path)
    {
        string real;
        if (OperatingSystem.IsLinux())
        {
            // The kernel's view of the opened file: immune to a swap between check and open.
            var link = new FileInfo("/proc/self/fd/" + handle.DangerousGetHandle().ToInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            real = link.LinkTarget ?? RealPath(path);
        }
        else
        {
            real = RealPath(path);
        }

        return IsInside(real);
    }

    private sealed class HandleFile(SafeFileHandle handle, long length) : ITftpReadableFile
    {
        public long Length => length;

        public int Read(long offset, Span<byte> destination)
        {
            var total = 0;
            while (total < destination.Length && offset + total < length)
            {
                var read = RandomAccess.Read(handle, destination[total..], offset + total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }

        public void Dispose() => handle.Dispose();
    }

    private sealed class WriteFile(SafeFileHandle handle, string temporary, string final, bool overwrite) : ITftpWritableFile
    {
        private long _offset;
        private bool _committed;

        public void Write(ReadOnlySpan<byte> data)
        {
            RandomAccess.Write(handle, data, _offset);
            _offset += data.Length;
        }

        public void Commit()
        {
            handle.Dispose();
            File.Move(temporary, final, overwrite);
            _committed = true;
        }

        public void Dispose()
        {
            handle.Dispose();
            if (!_committed)
            {
                File.Delete(temporary);
            }
        }
    }
}
