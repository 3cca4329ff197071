using System.Net;
using System.Net.Sockets;

namespace BareMetal.Images.Tests;

/// <summary>
/// A TCP proxy on 127.0.0.1 that injects connection drops: each of the first <c>drops</c> connections is cut
/// (both sides closed) after <c>cutAfter</c> bytes of the server's answer have been relayed.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly long _cutAfter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private readonly Action? _onCut;
    private int _dropsLeft;
    private int _connections;

    public DroppingProxy(IPEndPoint upstream, long cutAfter, int drops, Action? onCut = null)
    {
        _onCut = onCut;
        _upstream = upstream;
        _cutAfter = cutAfter;
        _dropsLeft = drops;
        _listener.Start();
        _accept = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public int DropsDone { get; private set; }

    public Uri Rewrite(Uri original) => new UriBuilder(original) { Host = "127.0.0.1", Port = Port }.Uri;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            var cut = Interlocked.Decrement(ref _dropsLeft) >= 0;
            if (cut)
            {
                DropsDone++;
            }

            _ = RelayAsync(client, cut ? _cutAfter : long.MaxValue);
        }
    }

    private async Task RelayAsync(Socket client, long limit)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_upstream, _stop.Token);
            var up = PumpAsync(client, server, long.MaxValue);
            var down = PumpAsync(server, client, limit);
            await Task.WhenAny(up, down);
            if (limit != long.MaxValue)
            {
                _onCut?.Invoke();
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            // Abortive close: the client sees the connection reset or the body end early.
            client.LingerState = new LingerOption(true, 0);
            client.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, long limit)
    {
        var buffer = new byte[64 * 1024];
        long relayed = 0;
        try
        {
            while (relayed < limit)
            {
                var n = await from.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - relayed)), SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
                relayed += n;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        _stop.Dispose();
    }
}
