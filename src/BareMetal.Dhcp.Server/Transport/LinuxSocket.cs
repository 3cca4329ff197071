using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>Opens the UDP sockets a DHCP server needs on Linux.</summary>
internal static class LinuxSocket
{
    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;
    private const int SoSndBufForce = 32;
    private const int SoRcvBufForce = 33;
    private const int BufferBytes = 4 << 20;

    /// <summary>
    /// A UDP socket on 0.0.0.0:<paramref name="port"/> bound to one interface with SO_BINDTODEVICE, so it receives the
    /// broadcasts of that link only and its broadcasts leave through it; several interfaces can each have one.
    /// </summary>
    public static Socket OpenBoundToDevice(string interfaceName, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.EnableBroadcast = true;
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolSocket, SoBindToDevice, Encoding.ASCII.GetBytes(interfaceName + "\0"));
            }

            // Bursts of thousands of clients (a rack powering on) must queue, not drop, while the engine catches up.
            // SO_RCVBUF is capped by net.core.rmem_max (208 KiB by default); SO_RCVBUFFORCE (root/CAP_NET_ADMIN) is not.
            SetBufferSize(socket, SoRcvBufForce, SocketOptionName.ReceiveBuffer);
            SetBufferSize(socket, SoSndBufForce, SocketOptionName.SendBuffer);
            // A blocking receive wakes at least this often, so the receive thread notices a stop.
            socket.ReceiveTimeout = 500;
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void SetBufferSize(Socket socket, int forceOption, SocketOptionName option)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                socket.SetRawSocketOption(SolSocket, forceOption, BitConverter.GetBytes(BufferBytes));
                return;
            }
            catch (SocketException)
            {
                // Not privileged: fall back to the capped option below.
            }
        }

        socket.SetSocketOption(SocketOptionLevel.Socket, option, BufferBytes);
    }
}
