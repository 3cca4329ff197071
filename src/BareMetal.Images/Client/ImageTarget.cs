using Microsoft.Win32.SafeHandles;

namespace BareMetal.Images;

/// <summary>
/// Where the image goes, written so that a failure never leaves something that looks complete:
/// a file is written to a hidden temporary sibling and renamed over the target only after verification;
/// a block device gets its first block (partition table, boot sector) written last, and zeroed on failure.
/// </summary>
internal sealed class ImageTarget : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private readonly string? _temporaryPath;
    private byte[]? _deferredHead;
    private int _deferredHeadLength;
    private bool _finished;

    private ImageTarget(SafeFileHandle handle, string path, string? temporaryPath)
    {
        _handle = handle;
        _path = path;
        _temporaryPath = temporaryPath;
    }

    public bool IsDevice => _temporaryPath is null;

    public static ImageTarget Open(string path, bool? isDevice, long? preallocate)
    {
        var device = isDevice ?? (path.StartsWith("/dev/", StringComparison.Ordinal) && Path.Exists(path));
        try
        {
            if (device)
            {
                // A device keeps its size: open it for writing without truncating or creating anything.
                var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.None);
                return new ImageTarget(handle, path, null);
            }

            var full = Path.GetFullPath(path);
            var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + ".partial");
            var fileHandle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, preallocate ?? 0);
            return new ImageTarget(fileHandle, full, temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ImageStreamException(ImageStreamFailure.TargetFailed, $"Cannot open the target '{path}' for writing: {e.Message}", e);
        }
    }

    /// <summary>Writes one buffer at an offset; on a device the buffer at offset 0 is held back until <see cref="Commit"/>.</summary>
    public void Write(ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            if (IsDevice && offset == 0 && _deferredHead is null)
            {
                _deferredHead = data.ToArray();
                _deferredHeadLength = data.Length;
                return;
            }

            RandomAccess.Write(_handle, data, offset);
        }
        catch (IOException e)
        {
            throw new ImageStreamException(ImageStreamFailure.TargetFailed, $"Writing {data.Length} bytes at offset {offset} of '{_path}' failed: {e.Message}", e);
        }
    }

    /// <summary>Makes the verified image visible: writes the held-back head, flushes, renames a file into place.</summary>
    public void Commit(long length, bool flush)
    {
        try
        {
            if (_deferredHead is not null)
            {
                RandomAccess.Write(_handle, _deferredHead.AsSpan(0, _deferredHeadLength), 0);
            }
            else if (!IsDevice && RandomAccess.GetLength(_handle) != length)
            {
                // Preallocation may have made the file longer than what was written.
                RandomAccess.SetLength(_handle, length);
            }

            if (flush)
            {
                RandomAccess.FlushToDisk(_handle);
            }

            _handle.Dispose();
            if (_temporaryPath is not null)
            {
                File.Move(_temporaryPath, _path, overwrite: true);
            }

            _finished = true;
        }
        catch (IOException e)
        {
            throw new ImageStreamException(ImageStreamFailure.TargetFailed, $"Finishing '{_path}' failed: {e.Message}", e);
        }
    }

    /// <summary>Undoes a failed transfer: deletes the temporary file, or zeroes the head of a device.</summary>
    public void Abort()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        try
        {
            if (IsDevice)
            {
                // The held-back head was never written; zero whatever an earlier image left there so the
                // device does not boot a mix of old metadata and new bytes.
                var zeros = new byte[Math.Max(_deferredHeadLength, ImageStreamOptions.WriteAlignment)];
                RandomAccess.Write(_handle, zeros, 0);
                RandomAccess.FlushToDisk(_handle);
            }
        }
        catch (IOException)
        {
            // Best effort: the caller is already failing with the original error.
        }
        finally
        {
            _handle.Dispose();
            if (_temporaryPath is not null)
            {
                try
                {
                    File.Delete(_temporaryPath);
                }
                catch (IOException)
                {
                    // Best effort, as above.
                }
            }
        }
    }

    public void Dispose() => Abort();
}
