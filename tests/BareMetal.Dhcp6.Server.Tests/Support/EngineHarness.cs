using BareMetal.Dhcp6.Server.Configuration;
using BareMetal.Dhcp6.Server.Engine;
using BareMetal.Dhcp6.Server.Leases;
using BareMetal.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BareMetal.Dhcp6.Server.Tests.Support;

/// <summary>An engine on two links: bm0 (2001:db8:24::/64, direct) and 2001:db8:24:2::/64 (relayed only), with a fake clock.</summary>
internal sealed class EngineHarness
{
    public const string Interface = "bm0";
    public static readonly Ipv6Address ClientLinkLocal = Ipv6Address.Parse("fe80::5054:ff:fe24:7");
    public static readonly Ipv6Address RelayAddress = Ipv6Address.Parse("2001:db8:24:2::1");

    public EngineHarness(Action<Dhcp6ServerOptions>? configure = null, IDhcp6LeaseStore? store = null)
    {
        Store = store ?? new InMemoryDhcp6LeaseStore();
        Options = new Dhcp6ServerOptions { ServerMacAddress = "02:00:00:24:00:fe" };
        var direct = new Dhcp6SubnetOptions
        {
            Prefix = "2001:db8:24::/64",
            InterfaceName = Interface,
            ServerAddress = "2001:db8:24::1",
            RangeFirst = "2001:db8:24::100",
            RangeLast = "2001:db8:24::103",
        };
        direct.DnsServers.Add("2001:db8:24::1");
        direct.DomainSearchList.Add("lab.example");
        Options.Subnets.Add(direct);
        Options.Subnets.Add(new Dhcp6SubnetOptions
        {
            Prefix = "2001:db8:24:2::/64",
            ServerAddress = "2001:db8:24::1",
            RangeFirst = "2001:db8:24:2::100",
            RangeLast = "2001:db8:24:2::1ff",
        });
        configure?.Invoke(Options);
        Engine = new Dhcp6ServerEngine(Options, Store, Time);
    }

    public Dhcp6ServerOptions Options { get; }

    public IDhcp6LeaseStore Store { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public Dhcp6ServerEngine Engine { get; }

    public byte[] ServerDuid => Engine.ServerDuid.ToArray();

    public (Dhcp6ProcessResult Result, byte[] Reply) Send(byte[] message, Ipv6Address? source = null, int port = 546, string? iface = Interface)
    {
        var reply = new byte[1232];
        var result = Engine.Process(message, new Dhcp6PacketContext(iface, source ?? ClientLinkLocal, port), reply);
        return (result, reply[..result.ReplyLength]);
    }

    public static byte[] CapturedFrame(string file, int frame) => PcapFile.ReadUdp(file).Single(d => d.Index == frame).Payload;

    public static Dhcp6MessageReader Parse(byte[] reply)
    {
        Assert.True(Dhcp6MessageReader.TryParse(reply, out var reader, out var error), $"reply does not parse: {error}");
        return reader;
    }

    /// <summary>The (first) address of the first IA_NA, its IAID, lifetimes and the IA's status.</summary>
    public static (uint Iaid, Ipv6Address? Address, uint Preferred, uint Valid, Dhcp6StatusCode? Status) FirstIaNa(Dhcp6MessageReader message)
    {
        foreach (var option in message.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia) && ia.Kind == Dhcp6OptionCode.IaNa)
            {
                Dhcp6StatusCode? status = ia.TryGetStatusCode(out var code, out _) ? code : null;
                foreach (var inner in ia.GetOptions())
                {
                    if (inner.TryReadIaAddress(out var address))
                    {
                        return (ia.Iaid, address.Address, address.PreferredLifetime, address.ValidLifetime, status);
                    }
                }

                return (ia.Iaid, null, 0, 0, status);
            }
        }

        throw new InvalidOperationException("no IA_NA in the message");
    }

    public static string? BootFileUrl(Dhcp6MessageReader message) =>
        message.TryGetBootFileUrl(out var url) ? System.Text.Encoding.ASCII.GetString(url) : null;
}
