using System.Net;

namespace BareMetal.Dhcp.Tests;

public class Ipv4AddressTests
{
    [Theory]
    [InlineData("192.0.2.1", 0xC0000201u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    [InlineData("198.18.0.10", 0xC612000Au)]
    public void TryParse_DottedDecimal_Value(string text, uint value)
    {
        Assert.True(Ipv4Address.TryParse(text, out var address));
        Assert.Equal(value, address.Value);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("192.0.2")]
    [InlineData("192.0.2.256")]
    [InlineData("192.0.2.1.")]
    [InlineData("192.0.2.1.5")]
    [InlineData("192..2.1")]
    [InlineData("1920.0.2.1")]
    [InlineData(" 192.0.2.1")]
    [InlineData("a.b.c.d")]
    public void TryParse_Malformed_False(string text) => Assert.False(Ipv4Address.TryParse(text, out _));

    [Fact]
    public void IPAddress_ConvertsBothWays()
    {
        var address = Ipv4Address.FromIPAddress(IPAddress.Parse("192.0.2.77"));
        Assert.Equal(new Ipv4Address(192, 0, 2, 77), address);
        Assert.Equal(IPAddress.Parse("192.0.2.77"), address.ToIPAddress());
        Assert.Equal(address, Ipv4Address.FromIPAddress(IPAddress.Parse("::ffff:192.0.2.77")));
        Assert.Throws<ArgumentException>(() => Ipv4Address.FromIPAddress(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void Parse_Malformed_FormatExceptionNamesTheFix()
    {
        var error = Assert.Throws<FormatException>(() => Ipv4Address.Parse("192.0.2"));
        Assert.Contains("192.0.2.1", error.Message, StringComparison.Ordinal);
    }
}

public class MacAddressTests
{
    [Theory]
    [InlineData("52:54:00:12:34:56", 0x525400123456UL)]
    [InlineData("52-54-00-12-34-56", 0x525400123456UL)]
    [InlineData("525400123456", 0x525400123456UL)]
    [InlineData("52:54:00:AB:CD:EF", 0x525400ABCDEFUL)]
    public void TryParse_AcceptedForms_ValueAndLowercaseText(string text, ulong value)
    {
        Assert.True(MacAddress.TryParse(text, out var mac));
        Assert.Equal(value, mac.Value);
        Assert.Equal(new MacAddress(value).ToString(), mac.ToString());
        Assert.Equal(mac.ToString().ToLowerInvariant(), mac.ToString());
        Assert.Equal(17, mac.ToString().Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("52:54:00:12:34")]
    [InlineData("52:54:00-12:34:56")]
    [InlineData("52:54:00:12:34:5g")]
    [InlineData("52.54.00.12.34.56")]
    [InlineData("5254001234567")]
    public void TryParse_Malformed_False(string text) => Assert.False(MacAddress.TryParse(text, out _));
}
