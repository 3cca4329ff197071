using System.Net.Sockets;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>
/// The running server: one socket per interface on the DHCP server port (and, for interfaces in proxy mode, one on
/// the PXE boot server port 4011), each with its own receive loop around the shared engine. Sockets are opened in the
/// calling thread's network namespace.
/// </summary>
public sealed class DhcpServerListener : IAsyncDisposable
{
    private readonly DhcpServerEngine _engine;
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();

    private DhcpServerListener(DhcpServerEngine engine) => _engine = engine;

    /// <summary>The local ports in use (useful when a test binds port 0).</summary>
    public IReadOnlyList<int> LocalPorts => [.. _sockets.Select(s => ((System.Net.IPEndPoint)s.LocalEndPoint!).Port)];

    /// <summary>Opens the sockets of every interface in <paramref name="options"/> and starts receiving.</summary>
    /// <param name="engine">The engine built from the same <paramref name="options"/>.</param>
    /// <param name="options">The options (interfaces, ports, modes).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    /// <returns>The running listener; dispose it to stop.</returns>
    /// <exception cref="SocketException">A socket could not be opened (no such interface, port in use, no privilege).</exception>
    public static DhcpServerListener Start(DhcpServerEngine engine, DhcpServerOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        timeProvider ??= TimeProvider.System;
        var listener = new DhcpServerListener(engine);
        try
        {
            for (var i = 0; i < options.Interfaces.Count; i++)
            {
                var item = options.Interfaces[i];
                listener.Open(i, item, item.ServerPort, bootServerPort: false, logger, timeProvider);
                if (item.Mode == DhcpServerMode.Proxy && item.BootServerPort > 0)
                {
                    listener.Open(i, item, item.BootServerPort, bootServerPort: true, logger, timeProvider);
                }
            }
        }
        catch
        {
            listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return listener;
    }

    /// <summary>Stops the loops, closes the sockets and flushes the lease store.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _engine.Flush();
        _stop.Dispose();
    }

    private void Open(int index, DhcpInterfaceOptions item, int port, bool bootServerPort, ILogger logger, TimeProvider time)
    {
        var socket = LinuxSocket.OpenBoundToDevice(item.Name, port);
        _sockets.Add(socket);
        _ = Ipv4Address.TryParse(item.ServerAddress, out var address);
        Log.Listening(logger, item.Name, address, ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port, item.Mode);
        var transport = new DhcpUdpTransport(_engine, socket, index, item.Name, bootServerPort, logger, time);
        _loops.Add(transport.Start(_stop.Token));
    }
}
