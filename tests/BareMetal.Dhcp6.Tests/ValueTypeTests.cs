using System.Net;
using FsCheck.Xunit;

namespace BareMetal.Dhcp6.Tests;

public class ValueTypeTests
{
    [Theory]
    [InlineData("::", "::")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")] // RFC 5952 §4.2.2: one zero group is not compressed
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")] // §4.2.3: the longest run
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")] // §4.2.3: the first of equal runs
    [InlineData("FE80::ABCD", "fe80::abcd")] // §4.3: lower case
    [InlineData("1::", "1::")]
    public void Ipv6Address_ToString_Rfc5952(string input, string expected) =>
        Assert.Equal(expected, Ipv6Address.Parse(input).ToString());

    [Property(MaxTest = 500)]
    public bool Ipv6Address_Format_MatchesIPAddressAndParsesBack(ulong high, ulong low, byte zeroMask)
    {
        // Zero out some 16-bit groups so runs of zeros (the interesting case) are common.
        for (var i = 0; i < 4; i++)
        {
            if ((zeroMask & (1 << i)) != 0) { high &= ~(0xFFFFUL << (16 * i)); }
            if ((zeroMask & (1 << (i + 4))) != 0) { low &= ~(0xFFFFUL << (16 * i)); }
        }

        var address = new Ipv6Address(high, low);
        var text = address.ToString();
        var framework = address.ToIPAddress();

        // IPAddress writes IPv4-mapped/compatible forms with a dotted quad; compare those numerically only.
        var sameText = framework.ToString().Contains('.', StringComparison.Ordinal) || text == framework.ToString();
        return sameText && Ipv6Address.Parse(text) == address && IPAddress.Parse(text).Equals(framework);
    }

    [Fact]
    public void Ipv6Address_Classes()
    {
        Assert.True(Ipv6Address.Parse("fe80::1").IsLinkLocal);
        Assert.False(Ipv6Address.Parse("fec0::1").IsLinkLocal);
        Assert.True(Ipv6Address.Parse("ff02::1:2").IsMulticast);
        Assert.True(Ipv6Address.Unspecified.IsUnspecified);
        Assert.False(Ipv6Address.TryParse("192.0.2.1", out _));
        Assert.False(Ipv6Address.TryParse("fe80::1%2", out _));
    }

    [Fact]
    public void Duid_WriteAndRead_EveryKnownType()
    {
        var mac = MacAddress.Parse("52:54:00:12:34:56");
        var uuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Span<byte> buffer = stackalloc byte[Dhcp6Duid.MaximumLength];

        Assert.True(Dhcp6Duid.TryWriteLinkLayer(mac, buffer, out var n));
        Assert.True(Dhcp6Duid.TryRead(buffer[..n], out var ll));
        Assert.Equal((Dhcp6DuidType.LinkLayer, (ushort)1), (ll.Type, ll.HardwareType));
        Assert.True(ll.TryGetMacAddress(out var llMac));
        Assert.Equal(mac, llMac);

        Assert.True(Dhcp6Duid.TryWriteLinkLayerPlusTime(mac, 837506694, buffer, out n));
        Assert.True(Dhcp6Duid.TryRead(buffer[..n], out var llt));
        Assert.Equal(837506694u, llt.Time);
        Assert.True(llt.TryGetMacAddress(out var lltMac));
        Assert.Equal(mac, lltMac);

        Assert.True(Dhcp6Duid.TryWriteEnterprise(343, "node-7"u8, buffer, out n));
        Assert.True(Dhcp6Duid.TryRead(buffer[..n], out var en));
        Assert.Equal(343u, en.EnterpriseNumber);
        Assert.Equal("node-7"u8.ToArray(), en.EnterpriseIdentifier.ToArray());
        Assert.False(en.TryGetMacAddress(out _));

        // RFC 6355 §4 / RFC 4122 §4.1.2: the UUID in network order, so the text form's bytes appear as written.
        Assert.True(Dhcp6Duid.TryWriteUuid(uuid, buffer, out n));
        Assert.Equal(Raw.Hex("0004 00112233445566778899aabbccddeeff"), buffer[..n].ToArray());
        Assert.True(Dhcp6Duid.TryRead(buffer[..n], out var u));
        Assert.Equal(uuid, u.Uuid);
    }

    [Fact]
    public void Duid_ShortBuffer_WritesNothing()
    {
        Span<byte> buffer = stackalloc byte[9];
        Assert.False(Dhcp6Duid.TryWriteLinkLayer(default, buffer, out var written));
        Assert.Equal(0, written);
        Assert.False(Dhcp6Duid.TryWriteEnterprise(1, default, new byte[64], out _)); // §11.3: an identifier is required
    }

    [Theory]
    [InlineData("lab.example", "036c6162076578616d706c6500")]
    [InlineData("lab.example.", "036c6162076578616d706c6500")]
    [InlineData("x", "017800")]
    public void DomainName_Encode_Rfc1035Labels(string name, string hex)
    {
        Span<byte> buffer = stackalloc byte[64];
        Assert.True(Dhcp6DomainName.TryEncode(name, buffer, out var written));
        Assert.Equal(Raw.Hex(hex), buffer[..written].ToArray());
        Span<char> text = stackalloc char[64];
        Assert.True(Dhcp6DomainName.TryFormat(buffer[..written], text, out var chars, out var consumed));
        Assert.Equal(name.TrimEnd('.'), new string(text[..chars]));
        Assert.Equal(written, consumed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("héllo.example")]
    [InlineData("a b.example")]
    public void DomainName_Encode_Invalid(string name) => Assert.False(Dhcp6DomainName.TryEncode(name, new byte[300], out _));

    [Fact]
    public void DomainName_LabelOf64_Invalid() => Assert.False(Dhcp6DomainName.TryEncode(new string('a', 64) + ".example", new byte[300], out _));
}
