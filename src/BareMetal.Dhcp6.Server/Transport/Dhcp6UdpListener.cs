using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using BareMetal.Dhcp6.Server.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.Dhcp6.Server.Transport;

/// <summary>
/// A thin UDP loop around <see cref="Dhcp6ServerEngine"/>: one IPv6 socket on port 547 that joins
/// All_DHCP_Relay_Agents_and_Servers (<c>ff02::1:2</c>, RFC 8415 §7.1) on each named interface, learns the receiving
/// interface from <c>IPV6_PKTINFO</c>, and sends replies to the client's link-local address on that interface (port
/// 546) or back to the relay (port 547). The socket lives in the network namespace of the thread that calls
/// <see cref="Start"/>.
/// </summary>
/// <remarks>
/// A first version: each receive allocates its remote <see cref="EndPoint"/> (the
/// <c>ReceiveMessageFromAsync</c> overload that reports the interface has no <c>SocketAddress</c> form), and
/// messages are handled one at a time.
/// </remarks>
public sealed partial class Dhcp6UdpListener : IAsyncDisposable
{
    /// <summary>All_DHCP_Relay_Agents_and_Servers (RFC 8415 §7.1).</summary>
    public static readonly IPAddress AllRelayAgentsAndServers = IPAddress.Parse("ff02::1:2");

    private readonly Dhcp6ServerEngine _engine;
    private readonly Socket _socket;
    private readonly Dictionary<int, string> _interfaces;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private Dhcp6UdpListener(Dhcp6ServerEngine engine, Socket socket, Dictionary<int, string> interfaces, ILogger logger)
    {
        _engine = engine;
        _socket = socket;
        _interfaces = interfaces;
        _logger = logger;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Opens the socket, joins the multicast group on each interface and starts receiving.</summary>
    /// <param name="engine">The engine that decides the replies.</param>
    /// <param name="interfaceNames">The interfaces to serve (their names are passed to the engine as the context's interface).</param>
    /// <param name="port">The port to listen on: 547, or another for tests behind a relay.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The running listener.</returns>
    /// <exception cref="ArgumentException">An interface does not exist or has no IPv6.</exception>
    public static Dhcp6UdpListener Start(Dhcp6ServerEngine engine, IReadOnlyList<string> interfaceNames, int port = Dhcp6ServerEngine.ServerPort, ILogger<Dhcp6UdpListener>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(interfaceNames);
        var indexes = new Dictionary<int, string>();
        var all = NetworkInterface.GetAllNetworkInterfaces();
        foreach (var name in interfaceNames)
        {
            var nic = all.FirstOrDefault(n => n.Name == name) ?? throw new ArgumentException($"Interface '{name}' does not exist here.", nameof(interfaceNames));
            var ipv6 = nic.GetIPProperties().GetIPv6Properties() ?? throw new ArgumentException($"Interface '{name}' has no IPv6.", nameof(interfaceNames));
            indexes[ipv6.Index] = name;
        }

        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.DualMode = false;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.PacketInformation, true);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            foreach (var index in indexes.Keys)
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(AllRelayAgentsAndServers, index));
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new Dhcp6UdpListener(engine, socket, indexes, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>The local port (useful when started on port 0).</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65_535];
        var reply = new byte[1_500];
        EndPoint any = new IPEndPoint(IPAddress.IPv6Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult received;
            try
            {
                received = await _socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                Log.ReceiveFailed(_logger, exception.SocketErrorCode);
                continue;
            }

            var index = received.PacketInformation.Interface;
            if (!_interfaces.TryGetValue(index, out var name) || received.RemoteEndPoint is not IPEndPoint source)
            {
                continue; // another interface's traffic: not ours to answer
            }

            var result = Handle(buffer.AsSpan(0, received.ReceivedBytes), name, source, reply);
            if (!result.HasReply)
            {
                continue;
            }

            if (result.RequiresFlush)
            {
                _engine.Flush(); // the lease is on disk before the client hears of it
            }

            // A client's link-local address means nothing without the interface it is on (RFC 4007 §6).
            var destination = result.Destination.ToIPAddress();
            if (destination.IsIPv6LinkLocal)
            {
                destination.ScopeId = index;
            }

            try
            {
                await _socket.SendToAsync(reply.AsMemory(0, result.ReplyLength), SocketFlags.None, new IPEndPoint(destination, result.DestinationPort), _stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                Log.SendFailed(_logger, result.Destination, exception.SocketErrorCode);
            }
        }
    }

    private Dhcp6ProcessResult Handle(ReadOnlySpan<byte> request, string interfaceName, IPEndPoint source, Span<byte> reply) =>
        _engine.Process(request, new Dhcp6PacketContext(interfaceName, Ipv6Address.FromIPAddress(source.Address), source.Port), reply);

    /// <summary>Stops receiving and closes the socket.</summary>
    /// <returns>A task that completes when the loop has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "DHCPv6: receive failed: {Error}")]
        public static partial void ReceiveFailed(ILogger logger, SocketError error);

        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "DHCPv6: send to [{Destination}] failed: {Error}")]
        public static partial void SendFailed(ILogger logger, Ipv6Address destination, SocketError error);
    }
}
