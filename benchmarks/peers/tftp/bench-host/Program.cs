using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using BareMetal.Tftp;

// usage:
//   server ADDRESS ROOT [MAX_WINDOW]            serve ROOT on ADDRESS:69 until killed
//   storm  SERVER FILE COUNT SHA256 [BLKSIZE] [WINDOW]
//                                               COUNT simultaneous gets of FILE, each checked by SHA-256
//   get    SERVER FILE SHA256 [BLKSIZE] [WINDOW]  one get with our client, checked, time printed
var mode = args.Length > 0 ? args[0] : string.Empty;
switch (mode)
{
    case "server":
    {
        var options = new TftpServerOptions { ListenAddress = args[1], Port = 69, MaxConcurrentTransfers = 4096, MaxTransfersPerClient = 4096 };
        if (args.Length > 3)
        {
            options.MaxWindowSize = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var server = new TftpServer(options, new DirectoryTftpFileProvider(args[2]));
        await server.StartAsync();
        Console.WriteLine($"listening on {server.LocalEndPoint}");
        var stop = new TaskCompletionSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task;
        return 0;
    }

    case "storm":
    {
        var server = new IPEndPoint(IPAddress.Parse(args[1]), 69);
        var count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        var options = Options(args, 5);
        var client = new TftpClient();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            try
            {
                using var destination = new MemoryStream();
                await client.GetAsync(server, args[2], destination, options);
                return Convert.ToHexStringLower(SHA256.HashData(destination.GetBuffer().AsSpan(0, (int)destination.Length))) == args[4];
            }
            catch (TftpException)
            {
                return false;
            }
        }));
        watch.Stop();
        var correct = results.Count(ok => ok);
        Console.WriteLine($"storm: {correct}/{count} correct in {watch.Elapsed.TotalSeconds:F2} s");
        return correct == count ? 0 : 1;
    }

    case "get":
    {
        var server = new IPEndPoint(IPAddress.Parse(args[1]), 69);
        using var destination = new MemoryStream();
        var watch = Stopwatch.StartNew();
        var result = await new TftpClient().GetAsync(server, args[2], destination, Options(args, 4));
        watch.Stop();
        var ok = Convert.ToHexStringLower(SHA256.HashData(destination.GetBuffer().AsSpan(0, (int)destination.Length))) == args[3];
        Console.WriteLine($"get: {result.Bytes} bytes in {watch.Elapsed.TotalSeconds:F3} s, {result.Retransmissions} client retransmissions, sha256 {(ok ? "ok" : "MISMATCH")}");
        return ok ? 0 : 1;
    }

    default:
        Console.Error.WriteLine("usage: server ADDRESS ROOT [MAX_WINDOW] | storm SERVER FILE COUNT SHA256 [BLKSIZE] [WINDOW] | get SERVER FILE SHA256 [BLKSIZE] [WINDOW]");
        return 2;
}

static TftpClientOptions Options(string[] args, int from) => new()
{
    BlockSize = args.Length > from ? int.Parse(args[from], System.Globalization.CultureInfo.InvariantCulture) : 1468,
    WindowSize = args.Length > from + 1 ? int.Parse(args[from + 1], System.Globalization.CultureInfo.InvariantCulture) : null,
    IdleTimeout = TimeSpan.FromSeconds(60),
    MaxRetransmissions = 30,
};
