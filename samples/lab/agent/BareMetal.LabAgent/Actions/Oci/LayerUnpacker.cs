using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions.Oci;

/// <summary>
/// Applies OCI layers (image-spec layer.md) to a root directory, base layer first: tar entries are created inside the
/// root only (paths resolved as under chroot, ".." kept at the root), owners and modes applied, and whiteouts honoured:
/// <c>.wh.NAME</c> removes NAME of the lower layers, <c>.wh..wh..opq</c> removes every lower-layer child of its
/// directory; neither hides what the same layer adds ("whiteout files MUST only apply to resources in lower/parent layers").
/// The uncompressed tar is hashed while it is read and checked against the config's <c>diff_ids</c>.
/// </summary>
public sealed class LayerUnpacker
{
    /// <summary>The prefix of a whiteout entry's name.</summary>
    public const string WhiteoutPrefix = ".wh.";

    /// <summary>The name of an opaque whiteout.</summary>
    public const string OpaqueWhiteout = ".wh..wh..opq";

    private readonly string _root;
    private readonly ActionLog _log;

    /// <summary>Creates an unpacker.</summary>
    /// <param name="root">The root directory (a tmpfs).</param>
    /// <param name="log">Where skipped entries are noted.</param>
    public LayerUnpacker(string root, ActionLog log)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _log = log;
    }

    /// <summary>Applies one layer.</summary>
    /// <param name="blobPath">The verified layer blob.</param>
    /// <param name="mediaType">Its media type (tar, tar+gzip, tar+zstd; Docker's rootfs.diff.tar.gzip).</param>
    /// <param name="diffId">The expected <c>sha256:</c> of the uncompressed tar, or null.</param>
    /// <returns>How many entries were applied.</returns>
    public int Apply(string blobPath, string? mediaType, string? diffId)
    {
        using var file = File.OpenRead(blobPath);
        using var decompressed = Decompress(file, mediaType);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hashing = new HashingReadStream(decompressed, hash);
        var count = 0;
        var written = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = new TarReader(hashing, leaveOpen: true))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                count += ApplyEntry(entry, written) ? 1 : 0;
            }
        }

        // A tar ends with two zero blocks, but writers may pad further: hash to the real end of the stream.
        hashing.CopyTo(Stream.Null);
        var actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        if (diffId is not null && !string.Equals(diffId, actual, StringComparison.Ordinal))
        {
            throw new OciException($"layer {Path.GetFileName(blobPath)} unpacks to {actual}, the config's diff_id is {diffId}");
        }

        return count;
    }

    private static Stream Decompress(Stream blob, string? mediaType) => mediaType switch
    {
        null or "application/vnd.oci.image.layer.v1.tar" or "application/vnd.docker.image.rootfs.diff.tar" => blob,
        "application/vnd.oci.image.layer.v1.tar+gzip" or "application/vnd.docker.image.rootfs.diff.tar.gzip" => new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true),
        "application/vnd.oci.image.layer.v1.tar+zstd" => new ZstdSharp.DecompressionStream(blob, leaveOpen: true),
        _ => throw new OciException($"layer media type '{mediaType}' is not supported: use tar, tar+gzip or tar+zstd"),
    };

    private bool ApplyEntry(TarEntry entry, HashSet<string> written)
    {
        var relative = Normalize(entry.Name);
        if (relative is null)
        {
            _log.Info($"skipped tar entry '{entry.Name}': it names the root or leaves it");
            return false;
        }

        var name = Path.GetFileName(relative);
        var parentRelative = Path.GetDirectoryName(relative) ?? string.Empty;
        if (name == OpaqueWhiteout)
        {
            if (Resolve(Combine(parentRelative, "x")) is { } marker)
            {
                var dir = Path.GetDirectoryName(marker)!;
                if (Directory.Exists(dir))
                {
                    foreach (var child in Directory.EnumerateFileSystemEntries(dir).ToArray())
                    {
                        if (!written.Contains(Combine(parentRelative, Path.GetFileName(child))))
                        {
                            Remove(child);
                        }
                    }
                }
            }

            return true;
        }

        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            var hidden = Combine(parentRelative, name[WhiteoutPrefix.Length..]);
            if (!written.Contains(hidden) && Resolve(hidden) is { } target)
            {
                Remove(target);
            }

            return true;
        }

        if (Resolve(relative) is not { } path)
        {
            return false;
        }

        written.Add(relative);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (!IsRealDirectory(path))
                {
                    Remove(path);
                    Directory.CreateDirectory(path);
                }

                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                Remove(path);
                using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                {
                    entry.DataStream?.CopyTo(output);
                }

                break;
            case TarEntryType.SymbolicLink:
                Remove(path);
                File.CreateSymbolicLink(path, entry.LinkName);
                Own(path, entry);
                return true;
            case TarEntryType.HardLink:
                Remove(path);
                if (Normalize(entry.LinkName) is not { } linkRelative || Resolve(linkRelative) is not { } existing || Libc.Link(existing, path) != 0)
                {
                    throw new OciException($"hard link {relative} -> {entry.LinkName} cannot be made: {Libc.LastError()}");
                }

                return true;
            default:
                // Device nodes, FIFOs: /dev is bound from the machine; an action never needs its image's own nodes.
                _log.Info($"skipped tar entry '{entry.Name}' of type {entry.EntryType}");
                written.Remove(relative);
                return false;
        }

        File.SetUnixFileMode(path, entry.Mode);
        Own(path, entry);
        return true;
    }

    /// <summary>"./a/b/" → "a/b"; null for the root itself or a path with "..".</summary>
    private static string? Normalize(string name)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        return parts.Length == 0 || parts.Contains("..") ? null : string.Join('/', parts);
    }

    private static string Combine(string parent, string name) => parent.Length == 0 ? name : parent + "/" + name;

    /// <summary>The real path of a layer path: its parent resolved inside the root (lower layers' symlinks followed as under chroot).</summary>
    private string? Resolve(string relative)
    {
        if (!RootedPath.TryResolveParent(_root, "/" + relative, dir => File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101), out var path, out var error))
        {
            _log.Info($"skipped '{relative}': {error}");
            return null;
        }

        return path;
    }

    private static bool IsRealDirectory(string path) => Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null;

    private static void Remove(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            info.Delete();
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static void Own(string path, TarEntry entry)
    {
        if (Libc.Lchown(path, (uint)entry.Uid, (uint)entry.Gid) != 0)
        {
            throw new OciException($"chown {path} to {entry.Uid}:{entry.Gid} failed: {Libc.LastError()}");
        }
    }

    /// <summary>A read-only stream that hashes what passes through it.</summary>
    private sealed class HashingReadStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
