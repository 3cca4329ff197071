namespace BareMetal.LabAgent.Actions;

/// <summary>
/// Resolves a path inside a directory that is the root of another system (a mounted target filesystem, an OCI root)
/// the way the kernel would after chroot(2): an absolute symlink restarts at that root, ".." stops at it. Without this,
/// an installed image's <c>/etc → /somewhere</c> link, or a crafted <c>../../..</c>, would make the agent write outside
/// the target into its own in-memory system.
/// </summary>
public static class RootedPath
{
    private const int MaxSymlinks = 40; // the kernel's limit (MAXSYMLINKS, fs/namei.c)

    /// <summary>
    /// Resolves the directories of <paramref name="path"/> (not its last component, which the caller replaces) under
    /// <paramref name="root"/>, creating missing ones with <paramref name="onCreate"/> called for each.
    /// </summary>
    /// <param name="root">The real directory acting as "/".</param>
    /// <param name="path">An absolute path as the target system sees it, e.g. <c>/etc/hostname</c>.</param>
    /// <param name="onCreate">Called with each directory created (to set its mode and owner), or null.</param>
    /// <param name="fullPath">The real path of the file on success.</param>
    /// <param name="error">Why the path cannot be resolved.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public static bool TryResolveParent(string root, string path, Action<string>? onCreate, out string fullPath, out string? error)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        fullPath = string.Empty;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!path.StartsWith('/') || parts.Length == 0 || parts[^1] is "." or "..")
        {
            error = $"'{path}' is not an absolute path to a file";
            return false;
        }

        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var pending = new LinkedList<string>(parts[..^1]);
        var current = root;
        var links = 0;
        while (pending.First is { } node)
        {
            pending.RemoveFirst();
            var part = node.Value;
            if (part is "." or "")
            {
                continue;
            }

            if (part == "..")
            {
                current = current == root ? root : Path.GetDirectoryName(current)!;
                continue;
            }

            var candidate = Path.Combine(current, part);
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxSymlinks)
                {
                    error = $"'{path}' has too many levels of symbolic links";
                    return false;
                }

                if (target.StartsWith('/'))
                {
                    current = root;
                }

                foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.AddFirst(t);
                }

                continue;
            }

            if (info.Exists)
            {
                error = $"'{path}': {candidate[root.Length..]} is a file, not a directory";
                return false;
            }

            if (!Directory.Exists(candidate))
            {
                Directory.CreateDirectory(candidate);
                onCreate?.Invoke(candidate);
            }

            current = candidate;
        }

        fullPath = Path.Combine(current, parts[^1]);
        error = null;
        return true;
    }
}
