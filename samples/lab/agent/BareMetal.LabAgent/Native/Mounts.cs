namespace BareMetal.LabAgent.Native;

/// <summary>mount(2) and umount2(2) with errors that say what failed; the filesystems this kernel knows.</summary>
internal static class Mounts
{
    /// <summary>The filesystem types in <c>/proc/filesystems</c> (the second column; "nodev" marks virtual ones).</summary>
    public static IReadOnlySet<string> KernelFileSystems(string procRoot = "/proc") =>
        File.ReadAllLines(Path.Combine(procRoot, "filesystems"))
            .Select(l => l.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault())
            .Where(n => !string.IsNullOrEmpty(n))
            .ToHashSet(StringComparer.Ordinal)!;

    /// <summary>Mounts or throws an <see cref="IOException"/> naming source, target, type and errno.</summary>
    public static void Mount(string source, string target, string? type, ulong flags = 0, string? data = null)
    {
        if (Libc.Mount(source, target, type, flags, data) != 0)
        {
            throw new IOException($"mount {source} on {target}{(type is null ? string.Empty : " (" + type + ")")} failed: {Libc.LastError()}");
        }
    }

    /// <summary>Unmounts; when busy, detaches lazily (MNT_DETACH) so the agent never leaves a mount behind. Returns an error text or null.</summary>
    public static string? Unmount(string target)
    {
        if (Libc.Umount2(target, 0) == 0)
        {
            return null;
        }

        var first = Libc.LastError();
        return Libc.Umount2(target, Libc.MntDetach) == 0 ? null : $"umount {target} failed: {first}; lazy unmount failed: {Libc.LastError()}";
    }
}
