using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BareMetal.Images;

/// <summary>
/// Where the image goes, written so that a failure never leaves something that looks complete:
/// a file is written to a hidden temporary sibling and renamed over the target only after verification;
/// a block device gets its first block (partition table, boot sector) written last, and zeroed on failure.
/// With direct writes, a second descriptor opened with <c>O_DIRECT</c> takes every whole aligned block, and the
/// page-cache descriptor only the unaligned rest (the last partial block, the held-back head of a device).
/// </summary>
internal sealed class ImageTarget : IDisposable
{
    private const int BufferedWriteSize = 128 * 1024;

    private readonly SafeFileHandle _handle;
    private SafeFileHandle? _direct;
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

    /// <summary><see langword="true"/> when aligned blocks bypass the page cache (<c>O_DIRECT</c>).</summary>
    public bool WritesDirect => _direct is not null;

    public static ImageTarget Open(string path, bool? isDevice, long? preallocate, bool direct = false)
    {
        var target = Open(path, isDevice, preallocate);
        if (direct)
        {
            target._direct = DirectWriteFile.TryOpen(target._temporaryPath ?? target._path);
        }

        return target;
    }

    private static ImageTarget Open(string path, bool? isDevice, long? preallocate)
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
            // A fresh file, not FileMode.Create: that truncates with ftruncate(0) after opening, and on ext4 a file
            // truncated to zero is flushed when it is closed (auto_da_alloc, the "replace by truncate" heuristic), so
            // closing a 1 GiB image started writeback of all of it inside Commit. A leftover of an interrupted run
            // is removed first.
            File.Delete(temporary);
            var fileHandle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, preallocate ?? 0);
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

            if (_direct is not null && IsAligned(data, offset))
            {
                RandomAccess.Write(_direct, data, offset);
                return;
            }

            // Through the page cache in 128 KiB pieces (zstd's own output size): measured on Linux 6.18 / ext4, 4 MiB
            // pwrites cost the kernel up to 10x more time than the same bytes in 128 KiB ones (dd: 1.3-2.5 s against
            // 0.2 s per GiB; docs/benchmarks/images.md).
            for (var done = 0; done < data.Length; done += BufferedWriteSize)
            {
                var piece = data.Slice(done, Math.Min(BufferedWriteSize, data.Length - done));
                RandomAccess.Write(_handle, piece, offset + done);
            }
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

            _direct?.Dispose();
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
            _direct?.Dispose();
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

    /// <summary>O_DIRECT needs the address, the length and the file offset all on the device's block grid.</summary>
    private static unsafe bool IsAligned(ReadOnlySpan<byte> data, long offset)
    {
        const int Alignment = ImageStreamOptions.WriteAlignment;
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(data));
        return offset % Alignment == 0 && data.Length % Alignment == 0 && address % Alignment == 0;
    }
}
