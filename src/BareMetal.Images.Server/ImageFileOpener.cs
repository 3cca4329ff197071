using Microsoft.Win32.SafeHandles;

namespace BareMetal.Images;

/// <summary>
/// Opens a validated relative path under the root and proves that what was opened lies inside the root: on
/// Linux the opened descriptor's own path (<c>/proc/self/fd/N</c>) is read back, so a symbolic link anywhere on
/// the way cannot lead outside, and there is no window between the check and the use.
/// </summary>
internal sealed class ImageFileOpener
{
    private readonly string _canonicalRoot;
    private readonly bool _procFdAvailable;

    public ImageFileOpener(string rootDirectory)
    {
        _canonicalRoot = Canonicalize(Path.GetFullPath(rootDirectory)).TrimEnd('/');
        _procFdAvailable = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd");
    }

    /// <summary>The root with every symbolic link resolved.</summary>
    public string CanonicalRoot => _canonicalRoot;

    /// <summary>Opens the file for reading, or says why not.</summary>
    public ImagePathError TryOpen(string relativePath, out SafeFileHandle? handle, out string canonicalPath)
    {
        handle = null;
        canonicalPath = string.Empty;
        var fullPath = Path.Join(_canonicalRoot, relativePath);
        SafeFileHandle opened;
        try
        {
            if (!File.Exists(fullPath))
            {
                return ImagePathError.NotFound;
            }

            opened = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Directories (UnauthorizedAccessException on Unix), vanished files, permission errors.
            return ImagePathError.NotFound;
        }

        var real = RealPath(opened, fullPath);
        if (real is null || !real.StartsWith(_canonicalRoot + "/", StringComparison.Ordinal))
        {
            opened.Dispose();
            return ImagePathError.OutsideRoot;
        }

        // A link inside the root that points at a hidden file inside the root is refused too.
        if (real.AsSpan(_canonicalRoot.Length).Contains("/.", StringComparison.Ordinal))
        {
            opened.Dispose();
            return ImagePathError.OutsideRoot;
        }

        handle = opened;
        canonicalPath = real;
        return ImagePathError.None;
    }

    /// <summary>Resolves every symbolic link of an absolute path, one component at a time (at most 40 links, like Linux).</summary>
    internal static string Canonicalize(string absolutePath)
    {
        var pending = new Stack<string>(absolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, segment);
            FileSystemInfo info = new FileInfo(next);
            if (info.LinkTarget is { } target && links++ < 40)
            {
                foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(part);
                }

                if (target.StartsWith('/'))
                {
                    current = "/";
                }

                continue;
            }

            current = next;
        }

        return current;
    }

    private string? RealPath(SafeFileHandle handle, string fullPath)
    {
        if (_procFdAvailable)
        {
            var fd = handle.DangerousGetHandle().ToInt64();
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }

        return Canonicalize(fullPath);
    }
}
