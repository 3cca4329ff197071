using BareMetal.LabAgent.Actions;
using BareMetal.Testing;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>
/// write-file on real filesystems on a loop device: the file is then read back without mounting, by e2fsprogs' debugfs
/// (ext4) and mtools (vfat), so the check does not share the agent's mount path.
/// </summary>
public sealed class WriteFileActionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [InteropFact]
    public async Task Ext4_OnPartition2_WritesContentModeOwnerAndDirectories()
    {
        using var loop = await PartitionedLoopAsync();
        var partition = loop.Path + "p2";
        Tool.Ok("mkfs.ext4", "-q", "-F", partition);

        var result = await Run($$"""
            {"device":"{{loop.Path}}","partition":2,"fsType":"ext4","path":"/etc/hostname","content":"node-17\n","mode":"0640","uid":1000,"gid":1001}
            """);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal($"wrote 8 bytes to /etc/hostname on {partition} (ext4, mode 640, owner 1000:1001)", result.Message);
        var key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH17 test@h17\n"u8.ToArray();
        result = await Run($$"""
            {"device":"{{partition}}","fsType":"ext4","path":"/root/.ssh/authorized_keys","contentBase64":"{{Convert.ToBase64String(key)}}","mode":"600","dirMode":"700"}
            """);
        Assert.True(result.Succeeded, result.Message);

        Assert.DoesNotContain(partition, File.ReadAllText("/proc/mounts"), StringComparison.Ordinal);
        Assert.Equal("node-17\n", Debugfs(partition, "cat /etc/hostname"));
        var stat = Debugfs(partition, "stat /etc/hostname");
        Assert.Matches(@"Mode:\s+0640", stat);
        Assert.Matches(@"User:\s+1000\s+Group:\s+1001", stat);
        Assert.Equal(key, System.Text.Encoding.UTF8.GetBytes(Debugfs(partition, "cat /root/.ssh/authorized_keys")));
        Assert.Matches(@"Mode:\s+0700", Debugfs(partition, "stat /root/.ssh"));
        Assert.Matches(@"Mode:\s+0600", Debugfs(partition, "stat /root/.ssh/authorized_keys"));
    }

    [InteropFact]
    public async Task Ext4_AbsoluteSymlinkInTheTarget_StaysInsideTheTarget()
    {
        // The installed system has /etc -> /h17-elsewhere (absolute): the file must land in the target's own
        // /h17-elsewhere, never in the agent's root.
        using var loop = await PartitionedLoopAsync();
        var partition = loop.Path + "p2";
        Tool.Ok("mkfs.ext4", "-q", "-F", partition);
        Tool.Ok("debugfs", "-w", "-R", "symlink etc /h17-elsewhere", partition);
        Tool.Ok("debugfs", "-w", "-R", "mkdir h17-elsewhere", partition);

        var result = await Run($$"""{"device":"{{partition}}","fsType":"ext4","path":"/etc/../etc/motd","content":"inside"}""");
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("inside", Debugfs(partition, "cat /h17-elsewhere/motd"));
        Assert.False(Directory.Exists("/h17-elsewhere"));
    }

    [InteropFact]
    public async Task Vfat_WritesTheFile_OrSaysTheKernelLacksIt()
    {
        using var loop = await PartitionedLoopAsync();
        var partition = loop.Path + "p1";
        Tool.Ok("mkfs.vfat", partition);
        var result = await Run($$"""{"device":"{{partition}}","fsType":"vfat","path":"/EFI/BOOT/startup.nsh","content":"fs0:\\EFI\\boot\\bootx64.efi\r\n"}""");
        if (!File.ReadAllText("/proc/filesystems").Contains("vfat", StringComparison.Ordinal))
        {
            // This machine's kernel has no FAT driver (CONFIG_VFAT_FS unset): the action must say so, not fail obscurely.
            Assert.Equal("action 3 (write-file): this kernel does not support vfat (it is not in /proc/filesystems): load its module or build it in", result.Message);
            return;
        }

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("fs0:\\EFI\\boot\\bootx64.efi\r\n", Tool.Ok("mtype", "-i", partition, "::/EFI/BOOT/startup.nsh"));
    }

    [Theory]
    [InlineData("""{"fsType":"ext4","path":"/a","content":"x"}""", "parameter 'device' is missing")]
    [InlineData("""{"device":"/dev/null","path":"/a","content":"x"}""", "parameter 'fsType' is missing")]
    [InlineData("""{"device":"/dev/null","fsType":"ext4","path":"etc/a","content":"x"}""", "parameter 'path' is 'etc/a': give the file's absolute path")]
    [InlineData("""{"device":"/dev/null","fsType":"ext4","path":"/a"}""", "parameter 'content' and 'contentBase64': give exactly one of them")]
    [InlineData("""{"device":"/dev/null","fsType":"ext4","path":"/a","contentBase64":"***"}""", "parameter 'contentBase64' is not valid base64")]
    [InlineData("""{"device":"/dev/null","fsType":"ext4","path":"/a","content":"x","mode":"0999"}""", "parameter 'mode' is not an octal mode")]
    [InlineData("""{"device":"/dev/null","fsType":"ext4","path":"/a","content":"x","dirMode":"rwx"}""", "parameter 'dirMode' is not an octal mode")]
    [InlineData("""{"device":"/dev/null","partition":0,"fsType":"ext4","path":"/a","content":"x"}""", "parameter 'partition' is 0")]
    [InlineData("""{"device":"/dev/null","fsType":"h17fs","path":"/a","content":"x"}""", "this kernel does not support h17fs")]
    public async Task InvalidParameters_FailWithoutMounting(string json, string expected)
    {
        var result = await Run(json);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [InteropFact]
    public async Task NotAFilesystem_FailsWithTheMountError()
    {
        using var loop = await PartitionedLoopAsync();
        var result = await Run($$"""{"device":"{{loop.Path}}p2","fsType":"ext4","path":"/a","content":"x"}""");
        Assert.Equal(ActionState.Failed, result.State);
        Assert.StartsWith($"mount {loop.Path}p2 on /tmp/baremetal-write-file-", result.Message, StringComparison.Ordinal);
        Assert.Contains("(ext4) failed: ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RootedPath_DotDotStopsAtTheRoot()
    {
        var root = _dir.File("root");
        Directory.CreateDirectory(root);
        Assert.True(RootedPath.TryResolveParent(root, "/../../../etc/passwd", null, out var full, out _));
        Assert.Equal(Path.Combine(root, "etc", "passwd"), full);
        Assert.True(Directory.Exists(Path.Combine(root, "etc")));
    }

    [Fact]
    public void RootedPath_SymlinkLoop_IsAnError()
    {
        var root = _dir.File("loop-root");
        Directory.CreateDirectory(root);
        File.CreateSymbolicLink(Path.Combine(root, "a"), "/b");
        File.CreateSymbolicLink(Path.Combine(root, "b"), "a");
        Assert.False(RootedPath.TryResolveParent(root, "/a/file", null, out _, out var error));
        Assert.Equal("'/a/file' has too many levels of symbolic links", error);
    }

    private async Task<LoopDevice> PartitionedLoopAsync()
    {
        var loop = new LoopDevice(_dir.File("disk.img"), 96L << 20);
        var result = await new PartitionAction().RunAsync(
            Contexts.For("partition", $$"""{"device":"{{loop.Path}}","partitions":[{"size":"40MiB","type":"esp"},{"size":"rest"}]}"""),
            CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        return loop;
    }

    private static string Debugfs(string device, string request) => Tool.Ok("debugfs", "-R", request, device);

    private static Task<ActionResult> Run(string json) =>
        new WriteFileAction().RunAsync(Contexts.For("write-file", json), CancellationToken.None);
}
