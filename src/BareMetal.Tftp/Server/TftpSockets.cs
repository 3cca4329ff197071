using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BareMetal.Tftp;

/// <summary>Creates and configures the UDP sockets of servers and clients.</summary>
internal static class TftpSockets
{
    private const int SoBindToDevice = 25;

    public static Socket Create(Func<AddressFamily, Socket>? factory, AddressFamily family, string? interfaceName)
    {
        var socket = factory?.Invoke(family) ?? new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Room for a burst of windowed blocks and for a boot storm of requests.
            socket.SendBufferSize = Math.Max(socket.SendBufferSize, 1 << 20);
            socket.ReceiveBufferSize = Math.Max(socket.ReceiveBufferSize, 1 << 20);
            if (!string.IsNullOrEmpty(interfaceName) && OperatingSystem.IsLinux())
            {
                var name = new byte[Encoding.ASCII.GetByteCount(interfaceName) + 1];
                Encoding.ASCII.GetBytes(interfaceName, name);
                socket.SetRawSocketOption(1 /* SOL_SOCKET */, SoBindToDevice, name);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool TrySend(Socket socket, ReadOnlySpan<byte> packet, SocketAddress? to)
    {
        try
        {
            if (to is null)
            {
                socket.Send(packet, SocketFlags.None);
            }
            else
            {
                socket.SendTo(packet, SocketFlags.None, to);
            }

            return true;
        }
        catch (SocketException)
        {
            // A full buffer, a firewall drop (EPERM) or an unreachable peer: the packet is lost, and
            // retransmission recovers as for any loss.
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public static IPEndPoint ToEndPoint(SocketAddress address) => (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address);
}
