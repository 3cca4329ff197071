using BareMetal.Dhcp;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.DhcpServer;

/// <summary>The DHCP server engine's hot path: one request in, one reply out (no sockets, in-memory leases).</summary>
[MemoryDiagnoser]
public class DhcpServerEngineBenchmarks : IDisposable
{
    private readonly byte[] _reply = new byte[1500];
    private InMemoryLeaseStore _store = null!;
    private DhcpServerEngine _engine = null!;
    private byte[] _discover = null!;
    private byte[] _renew = null!;
    private DhcpPacketContext _context;

    /// <summary>Creates an engine with one bound lease.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var options = new DhcpServerOptions { MaxPacketsPerClientPerSecond = 0 };
        options.Interfaces.Add(new DhcpInterfaceOptions { Name = "bench0", ServerAddress = "192.0.2.1" });
        var subnet = new DhcpSubnetOptions { Network = "192.0.2.0/24", Router = "192.0.2.1" };
        subnet.Pools.Add("192.0.2.100-192.0.2.199");
        options.Subnets.Add(subnet);
        _store = new InMemoryLeaseStore();
        _engine = new DhcpServerEngine(options, _store);
        _context = new DhcpPacketContext(0, default, 68, false, 1_800_000_000_000);
        _discover = Request(DhcpMessageType.Discover, default, default);
        _engine.Process(_discover, _context, _reply);
        var offered = Ipv4Address.Read(_reply.AsSpan(16));
        _engine.Process(Request(DhcpMessageType.Request, default, offered), _context, _reply);
        _renew = Request(DhcpMessageType.Request, offered, default);
    }

    /// <summary>DISCOVER → OFFER for a known client.</summary>
    /// <returns>The reply length.</returns>
    [Benchmark(Baseline = true)]
    public int DiscoverOffer() => _engine.Process(_discover, _context, _reply).ReplyLength;

    /// <summary>Renewing REQUEST → ACK.</summary>
    /// <returns>The reply length.</returns>
    [Benchmark]
    public int RenewAck() => _engine.Process(_renew, _context, _reply).ReplyLength;

    /// <inheritdoc/>
    public void Dispose()
    {
        _engine?.Dispose();
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static byte[] Request(DhcpMessageType type, Ipv4Address ciaddr, Ipv4Address requested)
    {
        var buffer = new byte[600];
        var writer = new DhcpMessageWriter(buffer);
        writer.TryStartMessage(DhcpOpcode.BootRequest, type, 0x1234, 1, [0x52, 0x54, 0, 0x12, 0x34, 0x56]);
        writer.ClientAddress = ciaddr;
        if (!requested.IsUnspecified)
        {
            writer.TryAddAddressOption(DhcpOptionCode.RequestedIpAddress, requested);
            writer.TryAddAddressOption(DhcpOptionCode.ServerIdentifier, new Ipv4Address(192, 0, 2, 1));
        }

        writer.TryComplete(out var length);
        return buffer[..length];
    }
}
