using System.Net;
using System.Net.Sockets;
using BareMetal.Dhcp.Server.Transport;

namespace BareMetal.Dhcp.Server.Tests.Transport;

/// <summary>
/// The sendmmsg/recvmmsg paths of the transport over loopback: every datagram arrives whole, with its source, in order,
/// and a warmed-up round trip of a full batch allocates nothing.
/// </summary>
public sealed class BatchSocketTests : IDisposable
{
    private readonly Socket _sender = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _receiver = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public BatchSocketTests()
    {
        _sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiver.ReceiveTimeout = 2000;
        _receiver.ReceiveBufferSize = 1 << 20;
    }

    private int SenderPort => ((IPEndPoint)_sender.LocalEndPoint!).Port;

    private int ReceiverPort => ((IPEndPoint)_receiver.LocalEndPoint!).Port;

    [Fact]
    public void ReplyRing_SendsEverySlotAcrossTheWrap_InOrderWithItsDestination()
    {
        Assert.True(OperatingSystem.IsLinux(), "sendmmsg/recvmmsg are Linux system calls (the server targets Linux)");
        var ring = new ReplyRing(100);
        var loopback = Ipv4Address.Parse("127.0.0.1");

        // Positions 90..160 wrap around the 100-slot ring; lengths vary so a wrong iov_len would show.
        for (long position = 90; position < 160; position++)
        {
            ring.Store((int)(position % 100), Payload((int)position), loopback, ReceiverPort);
        }

        Assert.Equal(0, ring.Send(_sender, 90, 160));

        var buffer = new byte[2048];
        for (var position = 90; position < 160; position++)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            var length = _receiver.ReceiveFrom(buffer, ref from);
            Assert.Equal(Payload(position), buffer[..length]);
            Assert.Equal(SenderPort, ((IPEndPoint)from).Port);
        }
    }

    [Fact]
    public void BatchReceiver_ReturnsQueuedDatagramsWithSources_AndAllocatesNothing()
    {
        Assert.True(OperatingSystem.IsLinux(), "sendmmsg/recvmmsg are Linux system calls (the server targets Linux)");
        var ring = new ReplyRing(DatagramBatchReceiver.Batch);
        var receiver = new DatagramBatchReceiver();
        var loopback = Ipv4Address.Parse("127.0.0.1");
        for (var i = 0; i < DatagramBatchReceiver.Batch; i++)
        {
            ring.Store(i, Payload(i), loopback, ReceiverPort);
        }

        // Warm up (JIT, first P/Invoke), then measure a second full batch.
        Assert.Equal((0, DatagramBatchReceiver.Batch), RoundTrip(ring, receiver));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (failures, received) = RoundTrip(ring, receiver);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, failures);
        Assert.Equal(DatagramBatchReceiver.Batch, received);
        Assert.Equal(0, allocated);
        for (var i = 0; i < received; i++)
        {
            Assert.Equal(Payload(i), receiver.Datagram(i).ToArray());
            Assert.Equal((loopback, SenderPort), receiver.Source(i));
        }
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    private static byte[] Payload(int n) => [.. Enumerable.Range(0, 300 + n).Select(i => (byte)(i * 7 + n))];

    /// <summary>Sends a full batch and collects it (recvmmsg may return part of it if the kernel is slow to queue).</summary>
    private (int SendFailures, int Received) RoundTrip(ReplyRing ring, DatagramBatchReceiver receiver)
    {
        var failures = ring.Send(_sender, 0, DatagramBatchReceiver.Batch);
        var count = 0;
        for (var attempt = 0; attempt < 50 && count == 0; attempt++)
        {
            count = receiver.Receive(_receiver);
        }

        return (failures, count);
    }
}
