using System.Text;
using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>write-file</c> parameters.</summary>
public sealed class WriteFileParameters
{
    /// <summary>The disk or partition holding the filesystem, e.g. <c>/dev/vda</c> or <c>/dev/vda2</c>.</summary>
    public string? Device { get; set; }

    /// <summary>A partition number of <see cref="Device"/> (1 makes <c>/dev/vda1</c>, <c>/dev/nvme0n1p1</c>).</summary>
    public int? Partition { get; set; }

    /// <summary>The filesystem type as mount(2) names it: <c>ext4</c>, <c>vfat</c>, <c>xfs</c>, <c>btrfs</c>...</summary>
    public string? FsType { get; set; }

    /// <summary>Mount options passed to the filesystem (mount(2)'s data), e.g. <c>discard</c>.</summary>
    public string? MountOptions { get; set; }

    /// <summary>The file's absolute path inside that filesystem, e.g. <c>/etc/hostname</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The content as UTF-8 text (exclusive with <see cref="ContentBase64"/>).</summary>
    public string? Content { get; set; }

    /// <summary>The content as base64 (binary files).</summary>
    public string? ContentBase64 { get; set; }

    /// <summary>Octal mode, e.g. <c>0644</c> or <c>600</c> (default: 0644).</summary>
    public string? Mode { get; set; }

    /// <summary>Octal mode of directories created on the way (default: 0755).</summary>
    public string? DirMode { get; set; }

    /// <summary>Owner uid of the file and created directories (default: unchanged, i.e. root).</summary>
    public int? Uid { get; set; }

    /// <summary>Group gid of the file and created directories.</summary>
    public int? Gid { get; set; }
}

/// <summary>
/// <c>write-file</c>: mounts a filesystem of the target disk (mount(2)), writes one file with its content, mode and owner
/// (creating directories, following the target's own symlinks as its root would), flushes it, and unmounts (umount2(2)).
/// For hostnames, network configuration, SSH keys, cloud-init seeds.
/// </summary>
public sealed class WriteFileAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "write-file";

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TryGetParameters(ActionJsonContext.Default.WriteFileParameters, out var p, out var error))
        {
            return ActionResult.Failure(error);
        }

        if (string.IsNullOrEmpty(p.Device))
        {
            return context.InvalidParameter("device", "is missing: name the disk or partition, e.g. /dev/vda2");
        }

        if (p.Partition is <= 0)
        {
            return context.InvalidParameter("partition", $"is {p.Partition}: partition numbers start at 1");
        }

        if (string.IsNullOrEmpty(p.FsType))
        {
            return context.InvalidParameter("fsType", "is missing: give the filesystem type, e.g. ext4 or vfat");
        }

        if (string.IsNullOrEmpty(p.Path) || !p.Path.StartsWith('/'))
        {
            return context.InvalidParameter("path", $"is '{p.Path}': give the file's absolute path inside the filesystem, e.g. /etc/hostname");
        }

        if ((p.Content is null) == (p.ContentBase64 is null))
        {
            return context.InvalidParameter("content", "and 'contentBase64': give exactly one of them");
        }

        byte[] bytes;
        try
        {
            bytes = p.Content is not null ? Encoding.UTF8.GetBytes(p.Content) : Convert.FromBase64String(p.ContentBase64!);
        }
        catch (FormatException)
        {
            return context.InvalidParameter("contentBase64", "is not valid base64");
        }

        if (!TryMode(p.Mode, 0b110_100_100, out var mode) || !TryMode(p.DirMode, 0b111_101_101, out var dirMode))
        {
            return context.InvalidParameter(TryMode(p.Mode, 0, out _) ? "dirMode" : "mode", "is not an octal mode such as 0644");
        }

        if (p.Uid is < 0 || p.Gid is < 0)
        {
            return context.InvalidParameter("uid", "and 'gid' must be >= 0");
        }

        if (!Mounts.KernelFileSystems().Contains(p.FsType))
        {
            return ActionResult.Failure($"action {context.Index} (write-file): this kernel does not support {p.FsType} (it is not in /proc/filesystems): load its module or build it in");
        }

        var device = p.Partition is { } n ? BlockDevices.PartitionPath(p.Device, n) : p.Device;
        var mountPoint = Directory.CreateTempSubdirectory("baremetal-write-file-").FullName;
        try
        {
            Mounts.Mount(device, mountPoint, p.FsType, 0, p.MountOptions);
            context.Log.Info($"mounted {device} ({p.FsType}) on {mountPoint}");
            try
            {
                return await WriteAsync(context, p, bytes, mode, dirMode, mountPoint, device, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                var unmount = Mounts.Unmount(mountPoint);
                context.Log.Info(unmount ?? $"unmounted {device}");
            }
        }
        catch (IOException e)
        {
            return ActionResult.Failure(e.Message);
        }
        finally
        {
            try
            {
                Directory.Delete(mountPoint);
            }
            catch (IOException)
            {
                // Still mounted (the lazy unmount finishes later): the directory is in tmpfs and goes with the OS.
            }
        }
    }

    private static async Task<ActionResult> WriteAsync(ActionContext context, WriteFileParameters p, byte[] bytes, UnixFileMode mode, UnixFileMode dirMode, string root, string device, CancellationToken cancellationToken)
    {
        string? ownerError = null;
        void Own(string path)
        {
            if ((p.Uid is not null || p.Gid is not null) && Libc.Lchown(path, p.Uid is { } u ? (uint)u : uint.MaxValue, p.Gid is { } g ? (uint)g : uint.MaxValue) != 0)
            {
                ownerError ??= $"chown {path[root.Length..]} to {p.Uid}:{p.Gid} failed: {Libc.LastError()}";
            }
        }

        if (!RootedPath.TryResolveParent(root, p.Path!, dir => { File.SetUnixFileMode(dir, dirMode); Own(dir); }, out var target, out var error))
        {
            return context.InvalidParameter("path", error!);
        }

        // Written beside the target and renamed over it: the file is never seen half-written, and a symlink in its
        // place is replaced rather than followed out of the target filesystem.
        var temporary = target + ".baremetal-tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        if (p.Mode is not null || !IsFat(p.FsType!))
        {
            File.SetUnixFileMode(temporary, mode);
        }

        Own(temporary);
        File.Move(temporary, target, overwrite: true);
        if (ownerError is not null)
        {
            return ActionResult.Failure(ownerError);
        }

        return ActionResult.Success($"wrote {bytes.Length} bytes to {p.Path} on {device} ({p.FsType}, mode {Convert.ToString((int)mode, 8)}{(p.Uid is null && p.Gid is null ? string.Empty : $", owner {p.Uid}:{p.Gid}")})");
    }

    // FAT has no Unix modes: chmod succeeds but only the read-only bit survives. Only an explicit mode is applied there.
    private static bool IsFat(string type) => type is "vfat" or "msdos" or "fat" or "exfat";

    private static bool TryMode(string? text, int fallback, out UnixFileMode mode)
    {
        if (text is null)
        {
            mode = (UnixFileMode)fallback;
            return true;
        }

        var ok = text.Length is > 0 and <= 5 && text.All(c => c is >= '0' and <= '7');
        var value = ok ? Convert.ToInt32(text, 8) : 0;
        mode = (UnixFileMode)value;
        return ok && value <= 0b111_111_111_111;
    }
}
