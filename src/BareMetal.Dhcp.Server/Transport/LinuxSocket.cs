using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BareMetal.Dhcp.Server.Transport;

/// <summary>Opens the UDP sockets a DHCP server needs on Linux.</summary>
internal static class LinuxSocket
{
    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;

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
            socket.ReceiveBufferSize = 4 << 20;
            socket.SendBufferSize = 4 << 20;
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
