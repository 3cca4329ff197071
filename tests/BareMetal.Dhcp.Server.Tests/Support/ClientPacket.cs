namespace BareMetal.Dhcp.Server.Tests.Support;

/// <summary>Builds client requests with the codec's writer, the way a DHCP client would send them.</summary>
internal sealed class ClientPacket
{
    private readonly List<(DhcpOptionCode Code, byte[] Value)> _options = [];

    public ClientPacket(DhcpMessageType type, MacAddress mac, uint xid = 0x11223344)
    {
        Type = type;
        Mac = mac;
        Xid = xid;
    }

    public DhcpMessageType Type { get; }

    public MacAddress Mac { get; }

    public uint Xid { get; }

    public Ipv4Address ClientAddress { get; set; }

    public Ipv4Address GatewayAddress { get; set; }

    public bool Broadcast { get; set; }

    public ClientPacket With(DhcpOptionCode code, byte[] value)
    {
        _options.Add((code, value));
        return this;
    }

    public ClientPacket With(DhcpOptionCode code, string ascii) => With(code, System.Text.Encoding.ASCII.GetBytes(ascii));

    public ClientPacket With(DhcpOptionCode code, Ipv4Address address)
    {
        var bytes = new byte[4];
        address.WriteTo(bytes);
        return With(code, bytes);
    }

    public ClientPacket Requesting(Ipv4Address address) => With(DhcpOptionCode.RequestedIpAddress, address);

    public ClientPacket ServerId(Ipv4Address address) => With(DhcpOptionCode.ServerIdentifier, address);

    public byte[] Build()
    {
        var buffer = new byte[1024];
        var writer = new DhcpMessageWriter(buffer);
        var chaddr = new byte[6];
        Mac.WriteTo(chaddr);
        Assert.True(writer.TryStartMessage(DhcpOpcode.BootRequest, Type, Xid, 1, chaddr));
        writer.ClientAddress = ClientAddress;
        writer.GatewayAddress = GatewayAddress;
        if (Broadcast)
        {
            writer.Flags = 0x8000;
        }

        foreach (var (code, value) in _options)
        {
            Assert.True(writer.TryAddOption(code, value));
        }

        Assert.True(writer.TryComplete(out var length));
        return buffer[..length];
    }
}
