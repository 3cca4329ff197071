using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;

namespace BareMetal.Tftp.Tests.Server;

/// <summary>A server on 127.0.0.1 with a free port and an in-memory provider, for tests without namespaces.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(TftpServer server, InMemoryTftpFileProvider files, TftpMetrics metrics)
    {
        Server = server;
        Files = files;
        Metrics = metrics;
    }

    public TftpServer Server { get; }

    public InMemoryTftpFileProvider Files { get; }

    public TftpMetrics Metrics { get; }

    public IPEndPoint EndPoint => Server.LocalEndPoint!;

    public static async Task<LoopbackServer> StartAsync(Action<TftpServerOptions>? configure = null, ITftpFileProvider? provider = null, InMemoryTftpFileProvider? files = null, IEnumerable<ITftpServerObserver>? observers = null, IMeterFactory? meterFactory = null)
    {
        var options = new TftpServerOptions { ListenAddress = "127.0.0.1", Port = 0 };
        configure?.Invoke(options);
        files ??= new InMemoryTftpFileProvider(options.AllowWrite);
        var metrics = new TftpMetrics(meterFactory);
        var server = new TftpServer(options, provider ?? files, null, metrics, observers);
        await server.StartAsync();
        return new LoopbackServer(server, files, metrics);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Metrics.Dispose();
    }
}

internal static class TestBytes
{
    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

internal static class Eventually
{
    /// <summary>Polls a condition every 10 ms until it holds or the time is up.</summary>
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
