using BareMetal.Dhcp;

namespace BareMetal.Dhcp6.Server.Tests.Support;

/// <summary>Builds client messages with the codec's writer, one option at a time, and wraps them in relays.</summary>
internal sealed class ClientMessage
{
    private readonly List<byte[]> _options = [];
    private readonly Dhcp6MessageType _type;
    private readonly uint _transactionId;

    public ClientMessage(Dhcp6MessageType type, uint transactionId = 0x424242)
    {
        _type = type;
        _transactionId = transactionId;
    }

    public static byte[] DuidLl(string mac)
    {
        var duid = new byte[10];
        Dhcp6Duid.TryWriteLinkLayer(MacAddress.Parse(mac), duid, out _);
        return duid;
    }

    public static byte[] DuidUuid(Guid uuid)
    {
        var duid = new byte[18];
        Dhcp6Duid.TryWriteUuid(uuid, duid, out _);
        return duid;
    }

    public ClientMessage ClientId(byte[] duid) => Add((ref Dhcp6MessageWriter w) => w.TryAddDuid(Dhcp6OptionCode.ClientId, duid));

    public ClientMessage ServerId(ReadOnlySpan<byte> duid)
    {
        var copy = duid.ToArray();
        return Add((ref Dhcp6MessageWriter w) => w.TryAddDuid(Dhcp6OptionCode.ServerId, copy));
    }

    public ClientMessage Elapsed() => Add((ref Dhcp6MessageWriter w) => w.TryAddUInt16Option(Dhcp6OptionCode.ElapsedTime, 0));

    public ClientMessage RapidCommit() => Add((ref Dhcp6MessageWriter w) => w.TryAddEmptyOption(Dhcp6OptionCode.RapidCommit));

    public ClientMessage Oro(params Dhcp6OptionCode[] codes) => Add((ref Dhcp6MessageWriter w) => w.TryAddOptionRequest(codes));

    public ClientMessage Architecture(ClientArchitecture architecture) => Add((ref Dhcp6MessageWriter w) => w.TryAddClientArchitecture(architecture));

    public ClientMessage VendorClass(string item) => Add((ref Dhcp6MessageWriter w) => w.TryAddVendorClass(343, System.Text.Encoding.ASCII.GetBytes(item)));

    public ClientMessage UserClass(string item) => Add((ref Dhcp6MessageWriter w) => w.TryAddDataItem(Dhcp6OptionCode.UserClass, System.Text.Encoding.ASCII.GetBytes(item)));

    public ClientMessage IaNa(uint iaid, params string[] addresses) => Add((ref Dhcp6MessageWriter w) =>
    {
        if (!w.TryBeginIdentityAssociation(Dhcp6OptionCode.IaNa, iaid, 0, 0, out var scope))
        {
            return false;
        }

        foreach (var address in addresses)
        {
            if (!w.TryAddIaAddress(Ipv6Address.Parse(address), 0, 0))
            {
                return false;
            }
        }

        return w.TryEndOption(scope);
    });

    public ClientMessage IaPd(uint iaid) => Add((ref Dhcp6MessageWriter w) =>
        w.TryBeginIdentityAssociation(Dhcp6OptionCode.IaPd, iaid, 0, 0, out var scope) && w.TryEndOption(scope));

    public byte[] Build()
    {
        var buffer = new byte[1500];
        var writer = new Dhcp6MessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(_type, _transactionId));
        foreach (var option in _options)
        {
            Assert.True(writer.TryAddOption((Dhcp6OptionCode)((option[0] << 8) | option[1]), option.AsSpan(4)));
        }

        return buffer[..writer.BytesWritten];
    }

    /// <summary>Wraps <paramref name="inner"/> in a Relay-Forw, with an Interface-Id and optionally RFC 6939's link-layer address.</summary>
    public static byte[] RelayForward(byte[] inner, string linkAddress, string peerAddress, string? interfaceId = null, string? clientMac = null, byte hops = 0)
    {
        var buffer = new byte[inner.Length + 200];
        var writer = new Dhcp6MessageWriter(buffer);
        Assert.True(writer.TryWriteRelayHeader(Dhcp6MessageType.RelayForward, hops, Ipv6Address.Parse(linkAddress), Ipv6Address.Parse(peerAddress)));
        if (interfaceId is not null)
        {
            Assert.True(writer.TryAddOption(Dhcp6OptionCode.InterfaceId, System.Text.Encoding.ASCII.GetBytes(interfaceId)));
        }

        if (clientMac is not null)
        {
            Assert.True(writer.TryAddClientLinkLayerAddress(MacAddress.Parse(clientMac)));
        }

        Assert.True(writer.TryAddOption(Dhcp6OptionCode.RelayMessage, inner));
        return buffer[..writer.BytesWritten];
    }

    private delegate bool Step(ref Dhcp6MessageWriter writer);

    private ClientMessage Add(Step step)
    {
        var buffer = new byte[1500];
        var writer = new Dhcp6MessageWriter(buffer);
        Assert.True(step(ref writer));
        _options.Add(buffer[..writer.BytesWritten]);
        return this;
    }
}
