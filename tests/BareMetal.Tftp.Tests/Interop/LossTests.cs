using BareMetal.Testing;
using BareMetal.Tftp.Tests.Server;

namespace BareMetal.Tftp.Tests.Interop;

/// <summary>
/// 5% random loss of every UDP packet our server sends (iptables statistic match in the server namespace):
/// retransmission must still deliver identical bytes, to our client and to atftp.
/// </summary>
public sealed class LossTests : IAsyncLifetime, IDisposable
{
    private const int Size = (2 * 1024 * 1024) + 333;
    private readonly NetworkPair _network = new();
    private readonly string _root = PeerTools.ScratchDirectory();
    private readonly byte[] _content = TestBytes.Random(Size, 55);
    private TftpServer _server = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(Path.Combine(_root, "lossy.bin"), _content);
        _network.DropServerPackets(0.05);
        _server = new TftpServer(new TftpServerOptions { ListenAddress = NetworkPair.ServerAddress.ToString(), Port = 69 }, new DirectoryTftpFileProvider(_root))
        {
            SocketFactory = _network.ServerSockets(),
        };
        await _server.StartAsync();
    }

    [InteropTheory]
    [InlineData(null, null)]
    [InlineData(1468, null)]
    [InlineData(1468, 16)]
    [InlineData(512, 64)]
    public async Task OurClient_Get_FivePercentLoss_IdenticalBytes(int? blockSize, int? windowSize)
    {
        var client = new TftpClient { SocketFactory = _network.ClientSockets() };
        using var destination = new MemoryStream();

        var result = await client.GetAsync(NetworkPair.ServerEndPoint(), "lossy.bin", destination, new TftpClientOptions { BlockSize = blockSize, WindowSize = windowSize, RetransmitTimeout = TimeSpan.FromMilliseconds(100) });

        Assert.Equal(TestBytes.Sha256(_content), TestBytes.Sha256(destination.ToArray()));
        Assert.Equal(Size, result.Bytes);
    }

    [InteropTheory]
    [InlineData("blksize 1468", "windowsize 16")]
    [InlineData("blksize 1468", "tsize 0")]
    public void Atftp_Get_FivePercentLoss_IdenticalBytes(string option1, string option2)
    {
        var output = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N"));
        var (code, log) = NetworkPair.Exec(_network.ClientNamespace, TimeSpan.FromSeconds(90), "atftp", "-g", "-r", "lossy.bin", "-l", output, "--option", option1, "--option", option2, NetworkPair.ServerAddress.ToString(), "69");

        Assert.True(code == 0, log);
        Assert.Equal(TestBytes.Sha256(_content), ServerFixture.FileHash(output));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _network.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
