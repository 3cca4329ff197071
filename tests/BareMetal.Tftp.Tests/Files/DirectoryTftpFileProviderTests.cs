using System.Net;

namespace BareMetal.Tftp.Tests.Files;

public sealed class DirectoryTftpFileProviderTests : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "bmtf-dir-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _root;
    private readonly string _outside;

    public DirectoryTftpFileProviderTests()
    {
        _root = Path.Combine(_base, "root");
        _outside = Path.Combine(_base, "outside");
        Directory.CreateDirectory(Path.Combine(_root, "boot"));
        Directory.CreateDirectory(_outside);
        File.WriteAllBytes(Path.Combine(_root, "boot", "a.bin"), [1, 2, 3, 4, 5]);
        File.WriteAllText(Path.Combine(_outside, "secret"), "secret");
        File.CreateSymbolicLink(Path.Combine(_root, "escape"), Path.Combine(_outside, "secret"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape-dir"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "inside-link"), Path.Combine(_root, "boot", "a.bin"));
    }

    private static TftpFileRequest Request(string name) => new(name, new IPEndPoint(IPAddress.Loopback, 1000), TftpTransferMode.Octet);

    [Fact]
    public async Task OpenRead_FileInsideRoot_ReadsFromAnyOffset()
    {
        var provider = new DirectoryTftpFileProvider(_root);
        var result = await provider.OpenReadAsync(Request("boot/a.bin"), default);
        using var file = result.File!;
        var buffer = new byte[10];

        Assert.Equal(5, file.Length);
        Assert.Equal(3, file.Read(2, buffer));
        Assert.Equal(new byte[] { 3, 4, 5 }, buffer[..3]);
        Assert.Equal(0, file.Read(5, buffer));
    }

    [Fact]
    public async Task OpenRead_SymlinkInsideRoot_IsServed()
    {
        var result = await new DirectoryTftpFileProvider(_root).OpenReadAsync(Request("inside-link"), default);
        using var file = result.File!;
        Assert.Equal(5, file.Length);
    }

    [Theory]
    [InlineData("escape")]
    [InlineData("escape-dir/secret")]
    public async Task OpenRead_SymlinkOutOfRoot_IsAccessViolation(string name)
    {
        var result = await new DirectoryTftpFileProvider(_root).OpenReadAsync(Request(name), default);

        Assert.Null(result.File);
        Assert.Equal(TftpErrorCode.AccessViolation, result.ErrorCode);
    }

    [Theory]
    [InlineData("missing.bin")]
    [InlineData("nodir/missing.bin")]
    public async Task OpenRead_Missing_IsFileNotFound(string name)
    {
        var result = await new DirectoryTftpFileProvider(_root).OpenReadAsync(Request(name), default);
        Assert.Equal(TftpErrorCode.FileNotFound, result.ErrorCode);
    }

    [Fact]
    public async Task OpenRead_Directory_IsRefused()
    {
        var result = await new DirectoryTftpFileProvider(_root).OpenReadAsync(Request("boot"), default);
        Assert.Null(result.File);
        Assert.NotEqual(TftpErrorCode.NotDefined, result.ErrorCode);
    }

    [Fact]
    public async Task OpenWrite_ReadOnlyProvider_IsAccessViolation()
    {
        var result = await new DirectoryTftpFileProvider(_root).OpenWriteAsync(Request("new.bin"), default);
        Assert.Equal(TftpErrorCode.AccessViolation, result.ErrorCode);
    }

    [Fact]
    public async Task OpenWrite_CommitsAtomically_AndRefusesOverwrite()
    {
        var provider = new DirectoryTftpFileProvider(_root, writable: true);
        var result = await provider.OpenWriteAsync(Request("boot/new.bin"), default);
        using (var file = result.File!)
        {
            file.Write([7, 8]);
            Assert.False(File.Exists(Path.Combine(_root, "boot", "new.bin")));
            file.Commit();
        }

        Assert.Equal(new byte[] { 7, 8 }, await File.ReadAllBytesAsync(Path.Combine(_root, "boot", "new.bin")));
        Assert.Equal(TftpErrorCode.FileAlreadyExists, (await provider.OpenWriteAsync(Request("boot/new.bin"), default)).ErrorCode);
        Assert.Equal(TftpErrorCode.AccessViolation, (await provider.OpenWriteAsync(Request("escape-dir/x"), default)).ErrorCode);
    }

    [Fact]
    public async Task OpenWrite_Abandoned_LeavesNoFile()
    {
        var provider = new DirectoryTftpFileProvider(_root, writable: true);
        using (var file = (await provider.OpenWriteAsync(Request("boot/partial.bin"), default)).File!)
        {
            file.Write([1]);
        }

        Assert.Equal(["a.bin"], Directory.GetFiles(Path.Combine(_root, "boot")).Select(Path.GetFileName));
    }

    [Fact]
    public void Constructor_MissingRoot_NamesTheFix()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => new DirectoryTftpFileProvider(Path.Combine(_base, "nope")));
        Assert.Contains("RootDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Composite_FirstAnswerOtherThanNotFoundWins()
    {
        var generated = new GeneratedTftpFileProvider((request, _) => ValueTask.FromResult<ReadOnlyMemory<byte>?>(
            request.FileName.StartsWith("pxelinux.cfg/", StringComparison.Ordinal) ? new ReadOnlyMemory<byte>(System.Text.Encoding.ASCII.GetBytes("for " + request.RemoteEndPoint.Address)) : (ReadOnlyMemory<byte>?)null));
        var composite = new CompositeTftpFileProvider(generated, new DirectoryTftpFileProvider(_root));

        using var config = (await composite.OpenReadAsync(Request("pxelinux.cfg/default"), default)).File!;
        using var binary = (await composite.OpenReadAsync(Request("boot/a.bin"), default)).File!;
        var missing = await composite.OpenReadAsync(Request("none"), default);

        Assert.Equal("for 127.0.0.1".Length, config.Length);
        Assert.Equal(5, binary.Length);
        Assert.Equal(TftpErrorCode.FileNotFound, missing.ErrorCode);
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
