using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace BareMetal.Images;

/// <summary>
/// SHA-256 of each served file for <c>Repr-Digest</c> (RFC 9530), computed once per (path, size, mtime) and
/// shared by concurrent requests. One entry per path: a new version of a file replaces the old entry, so the
/// cache never grows beyond the number of files in the root.
/// </summary>
internal sealed class DigestCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Raised once per computed digest (path, bytes hashed, elapsed).</summary>
    public event Action<string, long, TimeSpan>? Computed;

    /// <summary>The digest task for this version of the file, starting the computation if needed.</summary>
    public Task<byte[]> GetOrStart(string canonicalPath, ImageFileVersion version)
    {
        while (true)
        {
            if (_entries.TryGetValue(canonicalPath, out var existing))
            {
                if (existing.Version == version && !existing.Digest.IsFaulted)
                {
                    return existing.Digest;
                }

                var replacement = new Entry(version, new Lazy<Task<byte[]>>(() => ComputeAsync(canonicalPath, version)));
                if (_entries.TryUpdate(canonicalPath, replacement, existing))
                {
                    return replacement.Digest;
                }
            }
            else
            {
                var created = new Entry(version, new Lazy<Task<byte[]>>(() => ComputeAsync(canonicalPath, version)));
                if (_entries.TryAdd(canonicalPath, created))
                {
                    return created.Digest;
                }
            }
        }
    }

    private async Task<byte[]> ComputeAsync(string canonicalPath, ImageFileVersion version)
    {
        await Task.Yield();
        var started = TimeProvider.System.GetTimestamp();
        using var handle = File.OpenHandle(canonicalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var digest = await HashAsync(handle, version.Length).ConfigureAwait(false);

        // A digest of bytes that changed under us would be a lie: only keep it if the file is still that version.
        if (ImageFileVersion.Of(handle) != version)
        {
            throw new IOException($"'{canonicalPath}' changed while its digest was computed.");
        }

        Computed?.Invoke(canonicalPath, version.Length, TimeProvider.System.GetElapsedTime(started));
        return digest;
    }

    internal static async Task<byte[]> HashAsync(SafeFileHandle handle, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024 * 1024];
        long offset = 0;
        while (offset < length)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - offset)), offset).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("The file became shorter while its digest was computed.");
            }

            hash.AppendData(buffer, 0, n);
            offset += n;
        }

        return hash.GetHashAndReset();
    }

    private sealed class Entry(ImageFileVersion version, Lazy<Task<byte[]>> digest)
    {
        public ImageFileVersion Version { get; } = version;

        public Task<byte[]> Digest => digest.Value;
    }
}
