using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Tests.Support;

namespace BareMetal.Dhcp.Server.Tests.Engine;

/// <summary>The options a machine needs beyond address, mask, router and DNS: MTU, NTP, search list, static routes.</summary>
public class SubnetOptionTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("52:54:00:00:0d:01");

    private static void Configure(DhcpServerOptions options)
    {
        var subnet = options.Subnets[0];
        subnet.Mtu = 9000;
        subnet.NtpServers.Add("192.0.2.123");
        subnet.DomainSearch.Add("lab.example.test");
        subnet.DomainSearch.Add("example.test.");
        subnet.ClasslessRoutes.Add("198.18.0.0/15 via 192.0.2.254");
        subnet.ClasslessRoutes.Add("203.0.113.7/32 via 192.0.2.253");
    }

    [Fact]
    public void Offer_ConfiguredSubnet_CarriesEveryOptionInItsWireForm()
    {
        using var h = new EngineHarness(Configure);

        var offer = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Equal([0x23, 0x28], offer.Option(DhcpOptionCode.InterfaceMtu)); // RFC 2132 §5.1: 9000
        Assert.Equal([192, 0, 2, 123], offer.Option(DhcpOptionCode.NtpServers));
        // RFC 3397 §2 / RFC 1035 §3.1: length-prefixed labels, each name ending with a zero byte.
        Assert.Equal(
            [3, .. "lab"u8, 7, .. "example"u8, 4, .. "test"u8, 0, 7, .. "example"u8, 4, .. "test"u8, 0],
            offer.Option(DhcpOptionCode.DomainSearch));
        // RFC 3442 §2: prefix, significant destination octets, router; then the default route via option 3's router.
        Assert.Equal(
            [15, 198, 18, 192, 0, 2, 254, 32, 203, 0, 113, 7, 192, 0, 2, 253, 0, 192, 0, 2, 1],
            offer.Option(DhcpOptionCode.ClasslessStaticRoute));
    }

    [Fact]
    public void Offer_RoutesWithTheirOwnDefault_NoSecondDefaultAdded()
    {
        using var h = new EngineHarness(o => o.Subnets[0].ClasslessRoutes.Add("0.0.0.0/0 via 192.0.2.254"));

        var offer = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Equal([0, 192, 0, 2, 254], offer.Option(DhcpOptionCode.ClasslessStaticRoute));
    }

    [Fact]
    public void Offer_NothingConfigured_NoneOfTheseOptions()
    {
        using var h = new EngineHarness();

        var offer = h.Send(new ClientPacket(DhcpMessageType.Discover, Mac));

        Assert.Null(offer.Option(DhcpOptionCode.InterfaceMtu));
        Assert.Null(offer.Option(DhcpOptionCode.NtpServers));
        Assert.Null(offer.Option(DhcpOptionCode.DomainSearch));
        Assert.Null(offer.Option(DhcpOptionCode.ClasslessStaticRoute));
    }

    [Theory]
    [InlineData("route", "198.18.0.0/15 192.0.2.254", "Subnets[0].ClasslessRoutes[0]: '198.18.0.0/15 192.0.2.254' is not a route; write NETWORK/PREFIX via GATEWAY")]
    [InlineData("route", "198.18.0.1/15 via 192.0.2.254", "has host bits set in 198.18.0.1/15; write the network address, 198.18.0.0/15.")]
    [InlineData("route", "198.18.0.0/33 via 192.0.2.254", "has no valid NETWORK/PREFIX")]
    [InlineData("route", "198.18.0.0/15 via gateway", "has no valid gateway ('gateway')")]
    [InlineData("search", "bad_name.test", "Subnets[0].DomainSearch[0]: 'bad_name.test' is not a domain name")]
    [InlineData("search", "-x.test", "is not a domain name")]
    [InlineData("ntp", "time.example.test", "Subnets[0].NtpServers[0]: 'time.example.test' is not an IPv4 address.")]
    [InlineData("mtu", "20", "Subnets[0].Mtu: 20 is out of range; RFC 2132 §5.1 allows 68 to 65535")]
    public void Validate_BadValue_NamesTheFieldAndTheFix(string field, string value, string expected)
    {
        var options = EngineHarness.DefaultOptions();
        var subnet = options.Subnets[0];
        switch (field)
        {
            case "route": subnet.ClasslessRoutes.Add(value); break;
            case "search": subnet.DomainSearch.Add(value); break;
            case "ntp": subnet.NtpServers.Add(value); break;
            default: subnet.Mtu = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = new DhcpServerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
