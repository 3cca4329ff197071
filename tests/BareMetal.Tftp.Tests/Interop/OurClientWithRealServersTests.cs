using System.Diagnostics;
using BareMetal.Testing;
using BareMetal.Tftp.Tests.Server;

namespace BareMetal.Tftp.Tests.Interop;

/// <summary>Our client in one namespace against in.tftpd (tftpd-hpa), atftpd and dnsmasq in the other.</summary>
public sealed class OurClientWithRealServersTests : IDisposable
{
    private readonly NetworkPair _network = new();
    private readonly string _root = PeerTools.ScratchDirectory();
    private readonly Dictionary<string, byte[]> _files = [];

    public OurClientWithRealServersTests()
    {
        foreach (var (name, size) in ServerFixture.Files)
        {
            var bytes = TestBytes.Random(size, size + 17);
            File.WriteAllBytes(Path.Combine(_root, name), bytes);
            _files[name] = bytes;
        }

        // tftpd-hpa drops privileges to its user: the files must be readable by it.
        NetworkPair.Run("chmod", "-R", "a+rwX", _root);
    }

    public static TheoryData<string, int?, int?> Servers => new()
    {
        { "tftpd-hpa", null, null },
        { "tftpd-hpa", 1468, null },
        { "atftpd", null, null },
        { "atftpd", 1468, null },
        { "atftpd", 1468, 4 },
        { "dnsmasq", null, null },
        { "dnsmasq", 1468, null },
    };

    [InteropTheory]
    [MemberData(nameof(Servers))]
    public async Task Get_EverySize_IdenticalBytes(string peer, int? blockSize, int? windowSize)
    {
        StartPeer(peer);
        var client = new TftpClient { SocketFactory = _network.ClientSockets() };
        foreach (var (name, bytes) in _files)
        {
            using var destination = new MemoryStream();
            var result = await client.GetAsync(NetworkPair.ServerEndPoint(), name, destination, new TftpClientOptions { BlockSize = blockSize, WindowSize = windowSize, RequestTransferSize = blockSize is not null });
            Assert.Equal(TestBytes.Sha256(bytes), TestBytes.Sha256(destination.ToArray()));
            Assert.Equal(bytes.Length, result.Bytes);
            if (blockSize is not null)
            {
                Assert.Equal(blockSize, result.Options.BlockSize);
            }
        }
    }

    [InteropTheory]
    [InlineData("tftpd-hpa")]
    [InlineData("dnsmasq")]
    public async Task Get_MissingFile_IsFileNotFound(string peer)
    {
        StartPeer(peer);
        var client = new TftpClient { SocketFactory = _network.ClientSockets() };

        var error = await Assert.ThrowsAsync<TftpException>(() => client.GetAsync(NetworkPair.ServerEndPoint(), "missing.bin", new MemoryStream()));

        Assert.Equal(TftpErrorCode.FileNotFound, error.ErrorCode);
    }

    [InteropFact]
    public async Task Put_ToTftpdHpa_StoresIdenticalBytes()
    {
        StartPeer("tftpd-hpa", "-c");
        var client = new TftpClient { SocketFactory = _network.ClientSockets() };
        var content = TestBytes.Random(100_000, 5);

        await client.PutAsync(NetworkPair.ServerEndPoint(), "uploaded.bin", new MemoryStream(content), new TftpClientOptions { BlockSize = 1468, RequestTransferSize = true });

        Assert.Equal(TestBytes.Sha256(content), TestBytes.Sha256(await File.ReadAllBytesAsync(Path.Combine(_root, "uploaded.bin"))));
    }

    public void Dispose()
    {
        _network.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private Process StartPeer(string peer, string? extra = null)
    {
        var ns = _network.ServerNamespace;
        var address = NetworkPair.ServerAddress.ToString();
        var process = peer switch
        {
            "tftpd-hpa" => extra is null
                ? _network.Start(ns, "in.tftpd", "-L", "-a", address + ":69", "-s", _root)
                : _network.Start(ns, "in.tftpd", "-L", extra, "-a", address + ":69", "-s", _root),
            "atftpd" => _network.Start(ns, PeerTools.Atftpd(), "--daemon", "--no-fork", "--logfile", "/dev/null", "--bind-address", address, "--port", "69", "--user", "root.root", _root),
            "dnsmasq" => _network.Start(ns, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--enable-tftp", "--tftp-root=" + _root, "--listen-address=" + address, "--bind-interfaces", "--user=root", "--pid-file=" + Path.Combine(_root, "dnsmasq.pid"), "--log-facility=/dev/null"),
            _ => throw new ArgumentOutOfRangeException(nameof(peer)),
        };
        NetworkPair.WaitForUdpPort(ns, 69);
        return process;
    }
}
