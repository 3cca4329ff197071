using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BareMetal.Testing;

namespace BareMetal.Tftp.Tests.Interop;

/// <summary>
/// Two network namespaces joined by a veth pair (<see cref="NetworkNamespaces"/>): the server side <c>bmtf-ID-s</c>
/// with 192.0.2.1/24 and the client side <c>bmtf-ID-c</c> with 192.0.2.2/24 (RFC 5737 documentation addresses,
/// never routed). Everything is removed on dispose, also after a failed test.
/// </summary>
internal sealed class NetworkPair : IDisposable
{
    public static readonly IPAddress ServerAddress = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress ClientAddress = IPAddress.Parse("192.0.2.2");

    private readonly NetworkNamespaces _namespaces = new("bmtf");

    public NetworkPair()
    {
        try
        {
            ServerNamespace = _namespaces.AddNamespace("s");
            ClientNamespace = _namespaces.AddNamespace("c");
            _namespaces.AddVeth(ServerNamespace, $"bmtf{_namespaces.Id}s", "192.0.2.1/24", ClientNamespace, $"bmtf{_namespaces.Id}c", "192.0.2.2/24");
        }
        catch
        {
            _namespaces.Dispose();
            throw;
        }
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public static IPEndPoint ServerEndPoint(int port = 69) => new(ServerAddress, port);

    /// <summary>Creates sockets inside the server's namespace (for our server).</summary>
    public Func<AddressFamily, Socket> ServerSockets() => family => UdpSocketIn(ServerNamespace, family);

    /// <summary>Creates sockets inside the client's namespace (for our client).</summary>
    public Func<AddressFamily, Socket> ClientSockets() => family => UdpSocketIn(ClientNamespace, family);

    /// <summary>Drops a share of the server namespace's outgoing UDP packets.</summary>
    public void DropServerPackets(double probability) => NetworkNamespaces.DropOutgoingUdp(ServerNamespace, probability);

    /// <summary>Starts a long-running process (a server) inside a namespace; killed on dispose.</summary>
    public Process Start(string ns, string file, params string[] arguments) => _namespaces.StartIn(ns, file, arguments);

    /// <summary>Runs a command inside a namespace to completion, bounded in time.</summary>
    public static (int ExitCode, string Output) Exec(string ns, TimeSpan timeout, string file, params string[] arguments) =>
        NetworkNamespaces.ExecIn(ns, timeout, file, arguments);

    /// <summary>Waits until a UDP port is bound inside a namespace (a peer server started).</summary>
    public static void WaitForUdpPort(string ns, int port) => NetworkNamespaces.WaitForUdpPort(ns, port);

    public static void Run(string file, params string[] arguments) => NetworkNamespaces.Run(file, arguments);

    public static (int ExitCode, string Output) RunCapture(TimeSpan timeout, string file, params string[] arguments) =>
        NetworkNamespaces.RunCapture(timeout, file, arguments);

    public void Dispose() => _namespaces.Dispose();

    private static Socket UdpSocketIn(string ns, AddressFamily family) =>
        NetworkNamespaces.InNamespace(ns, () => new Socket(family, SocketType.Dgram, ProtocolType.Udp));
}
