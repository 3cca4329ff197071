using System.Net;
using System.Net.Sockets;

namespace BareMetal.Tftp.Tests.Server;

/// <summary>A hand-driven UDP peer on loopback: sends exact bytes, receives with a timeout.</summary>
internal sealed class RawPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public RawPeer() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Send(byte[] packet, IPEndPoint to) => _socket.SendTo(packet, to);

    /// <summary>The next datagram and its sender, or null when nothing arrives in time.</summary>
    public (byte[] Packet, IPEndPoint From)? Receive(TimeSpan timeout)
    {
        _socket.ReceiveTimeout = (int)Math.Max(1, timeout.TotalMilliseconds);
        var buffer = new byte[70000];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            var received = _socket.ReceiveFrom(buffer, ref from);
            return (buffer[..received], (IPEndPoint)from);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.TimedOut || exception.SocketErrorCode == SocketError.WouldBlock)
        {
            return null;
        }
    }

    /// <summary>Every datagram that arrives within the window.</summary>
    public List<(byte[] Packet, IPEndPoint From)> ReceiveAll(TimeSpan window)
    {
        var result = new List<(byte[], IPEndPoint)>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline && Receive(deadline - DateTime.UtcNow) is { } packet)
        {
            result.Add(packet);
        }

        return result;
    }

    public void Dispose() => _socket.Dispose();
}
