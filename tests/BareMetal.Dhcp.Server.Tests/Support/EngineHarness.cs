using BareMetal.Dhcp.Server.Access;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Observability;

namespace BareMetal.Dhcp.Server.Tests.Support;

/// <summary>An engine on interface "bmds-t0" (192.0.2.1, subnet 192.0.2.0/24, pool .100-.109) with a controllable clock.</summary>
internal sealed class EngineHarness : IDisposable
{
    public static readonly Ipv4Address Server = Ipv4Address.Parse("192.0.2.1");

    private readonly byte[] _reply = new byte[1500];

    public EngineHarness(Action<DhcpServerOptions>? configure = null, IDhcpLeaseStore? store = null, IBootPolicy? policy = null, IDhcpReservationSource? reservations = null)
    {
        Options = DefaultOptions();
        configure?.Invoke(Options);
        Store = store ?? new InMemoryLeaseStore();
        Engine = new DhcpServerEngine(Options, Store, policy, [Observer], reservations);
    }

    public DhcpServerOptions Options { get; }

    public IDhcpLeaseStore Store { get; }

    public DhcpServerEngine Engine { get; }

    public RecordingObserver Observer { get; } = new();

    public long Now { get; set; } = 1_800_000_000_000;

    public static DhcpServerOptions DefaultOptions()
    {
        var options = new DhcpServerOptions { MaxPacketsPerClientPerSecond = 0 };
        options.Interfaces.Add(new DhcpInterfaceOptions { Name = "bmds-t0", ServerAddress = "192.0.2.1" });
        var subnet = new DhcpSubnetOptions { Network = "192.0.2.0/24", Router = "192.0.2.1" };
        subnet.Pools.Add("192.0.2.100-192.0.2.109");
        subnet.DnsServers.Add("192.0.2.53");
        options.Subnets.Add(subnet);
        return options;
    }

    public Reply Send(ClientPacket packet, int interfaceIndex = 0, bool bootServerPort = false, Ipv4Address source = default, int sourcePort = 68) =>
        Send(packet.Build(), interfaceIndex, bootServerPort, source, sourcePort);

    public Reply Send(byte[] bytes, int interfaceIndex = 0, bool bootServerPort = false, Ipv4Address source = default, int sourcePort = 68)
    {
        var result = Engine.Process(bytes, new DhcpPacketContext(interfaceIndex, source, sourcePort, bootServerPort, Now), _reply);
        return new Reply(result, _reply[..result.ReplyLength]);
    }

    public void Dispose()
    {
        Engine.Dispose();
        Store.Dispose();
    }

    internal sealed record Reply(DhcpProcessResult Result, byte[] Bytes)
    {
        public DhcpMessageType Type => Result.ReplyType;

        public Ipv4Address YourAddress => Parse(out var r) ? r.YourAddress : default;

        public bool Parse(out DhcpMessageReader reader) => DhcpMessageReader.TryParse(Bytes, out reader, out _);

        public byte[]? Option(DhcpOptionCode code) =>
            DhcpMessageReader.TryParse(Bytes, out var reader, out _) && reader.TryGetOption(code, out var value) ? value.ToArray() : null;

        public string? OptionText(DhcpOptionCode code) => Option(code) is { } v ? System.Text.Encoding.ASCII.GetString(v) : null;

        public string BootFile => DhcpMessageReader.TryParse(Bytes, out var reader, out _) ? System.Text.Encoding.ASCII.GetString(reader.BootFileName) : "";

        public Ipv4Address NextServer => DhcpMessageReader.TryParse(Bytes, out var reader, out _) ? reader.ServerAddress : default;
    }
}

internal sealed class RecordingObserver : IDhcpServerObserver
{
    public List<DhcpClientDiscovered> Discovered { get; } = [];

    public List<DhcpLeaseEvent> Acknowledged { get; } = [];

    public List<DhcpLeaseEvent> Released { get; } = [];

    public List<DhcpIgnoreReason> Ignored { get; } = [];

    public void OnClientDiscovered(DhcpClientDiscovered client) => Discovered.Add(client);

    public void OnLeaseAcknowledged(in DhcpLeaseEvent lease) => Acknowledged.Add(lease);

    public void OnLeaseReleased(in DhcpLeaseEvent lease) => Released.Add(lease);

    public void OnPacketIgnored(DhcpIgnoreReason reason) => Ignored.Add(reason);
}
