namespace BareMetal.Tftp.Tests.Server;

public sealed class LoopbackTransferTests
{
    public static TheoryData<int, int?, int?> Sizes => new()
    {
        { 0, null, null },
        { 511, null, null },
        { 512, null, null },
        { 513, null, null },
        { 512 * 40, null, null },
        { 1468 * 3, 1468, null },
        { 1468 * 100 + 7, 1468, 16 },
        { 300_000, 1468, 8 },
        { 1024 * 1024, 8192, 4 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Get_DeliversIdenticalBytes(int size, int? blockSize, int? windowSize)
    {
        await using var server = await LoopbackServer.StartAsync(o => o.MaxBlockSize = 8192);
        var content = TestBytes.Random(size, size);
        server.Files.Set("boot/file.bin", content);
        var client = new TftpClient();
        using var destination = new MemoryStream();

        var result = await client.GetAsync(server.EndPoint, "boot/file.bin", destination, new TftpClientOptions { BlockSize = blockSize, WindowSize = windowSize, RequestTransferSize = true });

        Assert.Equal(TestBytes.Sha256(content), TestBytes.Sha256(destination.ToArray()));
        Assert.Equal(size, result.Bytes);
        Assert.Equal(size == 0 ? null : size, result.Options.TransferSize);
        Assert.Equal(blockSize, result.Options.BlockSize);
        Assert.Equal(windowSize, result.Options.WindowSize);
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(513, null, null)]
    [InlineData(1468 * 20, 1468, 8)]
    [InlineData(100_000, 1000, null)]
    public async Task Put_StoresIdenticalBytes_WhenWritesAllowed(int size, int? blockSize, int? windowSize)
    {
        await using var server = await LoopbackServer.StartAsync(o => o.AllowWrite = true);
        var content = TestBytes.Random(size, size + 1);
        var client = new TftpClient();

        var result = await client.PutAsync(server.EndPoint, "upload.bin", new MemoryStream(content), new TftpClientOptions { BlockSize = blockSize, WindowSize = windowSize, RequestTransferSize = true });

        Assert.Equal(size, result.Bytes);
        Assert.True(server.Files.TryGet("upload.bin", out var stored));
        Assert.Equal(TestBytes.Sha256(content), TestBytes.Sha256(stored.Span));
    }

    [Fact]
    public async Task Put_IsRefused_ByDefault()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = new TftpClient();

        var error = await Assert.ThrowsAsync<TftpException>(() => client.PutAsync(server.EndPoint, "x.bin", new MemoryStream(new byte[10])));

        Assert.Equal(TftpErrorCode.AccessViolation, error.ErrorCode);
    }

    [Fact]
    public async Task Get_MissingFile_IsFileNotFound()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = new TftpClient();

        var error = await Assert.ThrowsAsync<TftpException>(() => client.GetAsync(server.EndPoint, "nope.bin", new MemoryStream()));

        Assert.Equal(TftpErrorCode.FileNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Get_BlockSizeAboveCap_IsClamped()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Files.Set("f", TestBytes.Random(5000, 1));
        var client = new TftpClient();
        using var destination = new MemoryStream();

        var result = await client.GetAsync(server.EndPoint, "f", destination, new TftpClientOptions { BlockSize = 9000 });

        Assert.Equal(1468, result.Options.BlockSize);
        Assert.Equal(5000, destination.Length);
    }

    [Fact]
    public async Task Get_ManyConcurrentTransfers_AllCorrect()
    {
        await using var server = await LoopbackServer.StartAsync(o => o.MaxTransfersPerClient = 200);
        var content = TestBytes.Random(64 * 1024, 9);
        server.Files.Set("f", content);
        var client = new TftpClient();
        var expected = TestBytes.Sha256(content);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var destination = new MemoryStream();
            await client.GetAsync(server.EndPoint, "f", destination, new TftpClientOptions { BlockSize = 1468, WindowSize = 8 });
            return TestBytes.Sha256(destination.ToArray());
        }));

        Assert.All(results, hash => Assert.Equal(expected, hash));
        // The last ACK is on its way when the client returns: the server frees the state when it lands.
        Assert.True(await Eventually.TrueAsync(() => server.Server.ActiveTransfers == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Get_SinglePortMode_DeliversIdenticalBytes()
    {
        await using var server = await LoopbackServer.StartAsync(o => o.SinglePort = true);
        var content = TestBytes.Random(200_000, 3);
        server.Files.Set("f", content);
        var client = new TftpClient();
        using var destination = new MemoryStream();

        await client.GetAsync(server.EndPoint, "f", destination, new TftpClientOptions { BlockSize = 1468, WindowSize = 16 });

        Assert.Equal(TestBytes.Sha256(content), TestBytes.Sha256(destination.ToArray()));
    }
}
