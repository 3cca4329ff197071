using System.Net;
using System.Net.Sockets;
using BareMetal.Dhcp;
using BareMetal.Dhcp.Server.Transport;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.DhcpServer;

/// <summary>
/// The transport's system-call batching over loopback, per datagram: 32 replies sent and received with one
/// sendmmsg and one recvmmsg (what the server does) against one sendto and one recvfrom each.
/// </summary>
[MemoryDiagnoser]
public class DhcpSocketBatchBenchmarks : IDisposable
{
    private const int Batch = DatagramBatchReceiver.Batch;
    private readonly byte[] _payload = new byte[342]; // a typical OFFER/ACK, padded past the 300-byte BOOTP minimum
    private readonly byte[] _receive = new byte[1536];
    private Socket _sender = null!;
    private Socket _receiver = null!;
    private ReplyRing _ring = null!;
    private DatagramBatchReceiver _batchReceiver = null!;
    private SocketAddress _destination = null!;
    private SocketAddress _from = null!;

    /// <summary>Opens a loopback socket pair and fills the reply ring once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiver.ReceiveBufferSize = 1 << 20;
        var port = ((IPEndPoint)_receiver.LocalEndPoint!).Port;
        _destination = new IPEndPoint(IPAddress.Loopback, port).Serialize();
        _from = new SocketAddress(AddressFamily.InterNetwork);
        _ring = new ReplyRing(Batch);
        _batchReceiver = new DatagramBatchReceiver();
        for (var i = 0; i < Batch; i++)
        {
            _ring.Store(i, _payload, Ipv4Address.Parse("127.0.0.1"), port);
        }
    }

    /// <summary>32 × sendto + 32 × recvfrom (the socket API one datagram at a time).</summary>
    /// <returns>Datagrams received.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int OneBySyscall()
    {
        for (var i = 0; i < Batch; i++)
        {
            _sender.SendTo(_payload, SocketFlags.None, _destination);
        }

        var received = 0;
        for (var i = 0; i < Batch; i++)
        {
            received += _receiver.ReceiveFrom(_receive, SocketFlags.None, _from) > 0 ? 1 : 0;
        }

        return received;
    }

    /// <summary>One sendmmsg of 32 + recvmmsg until all 32 are in (the server's path).</summary>
    /// <returns>Datagrams received.</returns>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Batched()
    {
        _ = _ring.Send(_sender, 0, Batch);
        var received = 0;
        while (received < Batch)
        {
            received += Math.Max(0, _batchReceiver.Receive(_receiver));
        }

        return received;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sender?.Dispose();
        _receiver?.Dispose();
        GC.SuppressFinalize(this);
    }
}
