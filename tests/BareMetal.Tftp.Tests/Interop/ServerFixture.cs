using System.Security.Cryptography;
using BareMetal.Testing;
using BareMetal.Tftp.Tests.Server;

namespace BareMetal.Tftp.Tests.Interop;

/// <summary>Our server inside the server namespace of a <see cref="NetworkPair"/>, serving a directory of test files.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>The files: the sizes the issue asks for, plus one over 65535 blocks at blksize 512.</summary>
    public static readonly (string Name, int Size)[] Files =
    [
        ("size0.bin", 0),
        ("size511.bin", 511),
        ("size512.bin", 512),
        ("size513.bin", 513),
        ("blocks1468x4.bin", 1468 * 4),
        ("blocks512x40.bin", 512 * 40),
        ("mixed-300k.bin", 300_007),
    ];

    /// <summary>65536 blocks of 512 plus 1000 bytes: the block number rolls over past 65535.</summary>
    public const string RolloverFile = "rollover-32m.bin";
    public const int RolloverSize = (65536 * 512) + 1000;

    private readonly Dictionary<string, string> _hashes = [];

    internal NetworkPair Network { get; private set; } = null!;

    internal TftpServer Server { get; private set; } = null!;

    public string Root { get; } = PeerTools.ScratchDirectory();

    public string Hash(string name) => _hashes[name];

    public async Task InitializeAsync()
    {
        if (!InteropTest.CanRun)
        {
            // Every test that uses this fixture is an interop test and skips itself: build nothing.
            return;
        }

        foreach (var (name, size) in Files.Append((RolloverFile, RolloverSize)))
        {
            var bytes = TestBytes.Random(size, size);
            await File.WriteAllBytesAsync(Path.Combine(Root, name), bytes);
            _hashes[name] = TestBytes.Sha256(bytes);
        }

        Network = new NetworkPair();
        Server = new TftpServer(
            new TftpServerOptions { ListenAddress = NetworkPair.ServerAddress.ToString(), Port = 69 },
            new DirectoryTftpFileProvider(Root))
        {
            SocketFactory = Network.ServerSockets(),
        };
        await Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Network?.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    public static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
