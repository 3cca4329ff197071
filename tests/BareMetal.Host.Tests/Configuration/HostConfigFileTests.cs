using BareMetal.NetbootHost.Configuration;

namespace BareMetal.Host.Tests.Configuration;

/// <summary>The host configuration file (--config): subnets read in-process, every problem at its file, line and field.</summary>
public class HostConfigFileTests
{
    /// <summary>The multi-subnet example of docs/dhcp-server.md, also run against real clients by RelayTests.</summary>
    public const string TwoSubnets = """
        dhcp:
          subnets:
            - network: 192.0.2.0/24
              pools: [192.0.2.100-192.0.2.149]
              router: 192.0.2.1
              dns: [192.0.2.53]
              domain: lab.example.test
              ntp: 192.0.2.123
            - network: 198.18.10.0/24
              pools: [198.18.10.100-198.18.10.149]
              router: 198.18.10.1
              dns: [192.0.2.53, 192.0.2.54]
              search: [lab.example.test, example.test]
              mtu: 1500
              routes: ["198.18.0.0/15 via 198.18.10.254"]
              lease-time: 1800
        """;

    [Fact]
    public void TryParse_TwoSubnets_ReadsEveryField()
    {
        Assert.True(HostConfigFile.TryParse(TwoSubnets, "host.yaml", out var subnets, out var errors), string.Join('\n', errors));

        Assert.Equal(2, subnets.Count);
        Assert.Equal("192.0.2.0/24", subnets[0].Network);
        Assert.Equal(["192.0.2.123"], subnets[0].NtpServers);
        Assert.Equal("lab.example.test", subnets[0].DomainName);
        var relayed = subnets[1];
        Assert.Equal("198.18.10.0/24", relayed.Network);
        Assert.Equal(["198.18.10.100-198.18.10.149"], relayed.Pools);
        Assert.Equal("198.18.10.1", relayed.Router);
        Assert.Equal(["192.0.2.53", "192.0.2.54"], relayed.DnsServers);
        Assert.Equal(["lab.example.test", "example.test"], relayed.DomainSearch);
        Assert.Equal(1500, relayed.Mtu);
        Assert.Equal(["198.18.0.0/15 via 198.18.10.254"], relayed.ClasslessRoutes);
        Assert.Equal(TimeSpan.FromMinutes(30), relayed.LeaseTime);
    }

    [Theory]
    [InlineData("dhcp:\n  subnets:\n    - network: 198.18.10.0/24\n      router: 192.0.2.1\n",
        "host.yaml:4:15: dhcp.subnets[0].router: '192.0.2.1' is not an address inside 198.18.10.0/24")]
    [InlineData("dhcp:\n  subnets:\n    - network: 198.18.10.0/24\n      routes: [\"198.18.0.0/15 via 198.18.10.254\", \"198.18.0.1/16 via 198.18.10.254\"]\n",
        "host.yaml:4:15: dhcp.subnets[0].routes[1]: '198.18.0.1/16 via 198.18.10.254' has host bits set")]
    [InlineData("dhcp:\n  subnets:\n    - network: 198.18.10.0/24\n      pools: [198.18.11.1-198.18.11.9]\n",
        "host.yaml:4:14: dhcp.subnets[0].pools[0]: '198.18.11.1-198.18.11.9' is not inside 198.18.10.0/24")]
    [InlineData("dhcp:\n  subnets:\n    - network: 198.18.10.0/24\n      colour: blue\n",
        "host.yaml:4:7: dhcp.subnets[0].colour: unknown field 'colour'; the fields here are network, pools, router")]
    [InlineData("dhcp:\n  subnets:\n    - pools: [198.18.10.1-198.18.10.9]\n",
        "host.yaml:3:7: dhcp.subnets[0].network: 'network' is required")]
    [InlineData("dhcp:\n  subnets:\n    - network: 198.18.10.0/24\n      mtu: big\n",
        "host.yaml:4:12: dhcp.subnets[0].mtu: expected a whole number of bytes")]
    [InlineData("dhcp:\n  subnets: [\n", "host.yaml:3:1: (syntax):")]
    [InlineData("- a\n- b\n", "host.yaml:1:1: (root): the configuration must be a mapping with a 'dhcp' section.")]
    public void TryParse_Problem_NamesFileLineFieldAndFix(string text, string expected)
    {
        Assert.False(HostConfigFile.TryParse(text, "host.yaml", out _, out var errors));

        Assert.Contains(errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal) || e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_EmptyFile_HasNoSubnets()
    {
        Assert.True(HostConfigFile.TryParse("", "host.yaml", out var subnets, out _));
        Assert.Empty(subnets);
    }
}
