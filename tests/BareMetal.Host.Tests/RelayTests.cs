using BareMetal.Host.Tests.Configuration;
using BareMetal.Host.Tests.Infrastructure;
using BareMetal.Testing;

namespace BareMetal.Host.Tests;

/// <summary>
/// Two subnets from --config: the host's own, and one it reaches only through Debian's ISC DHCP relay (dhcrelay) and a
/// routed hop. Machines on each get an address, router and options of their own subnet.
/// </summary>
public sealed class RelayTests
{
    private const string RelayedMac = "52:54:00:0e:0a:01";
    private const string LocalMac = "52:54:00:0e:0a:02";

    [InteropFact]
    public async Task ConfigWithRelayedSubnet_ClientsOnBothSubnetsGetTheirOwnLeaseAndOptions()
    {
        using var layout = new HostLayout();
        var config = Path.Combine(layout.Root, "host.yaml");
        await File.WriteAllTextAsync(config, HostConfigFileTests.TwoSubnets);
        layout.WriteInventory($"""
            profiles:
              - name: live
                kernel: vmlinuz
            machines:
              - mac: {RelayedMac}
                hostname: relayed-node
                profile: live
              - mac: {LocalMac}
                hostname: local-node
                profile: live
            """);
        await using var lab = await NetworkLab.CreateAsync();
        var (relayedNamespace, relayedLink, downstream) = lab.AddRelayedNetwork(RelayedMac);
        var local = await lab.AddClientLinkAsync("l", LocalMac);
        // The relay listens for clients on the downstream link and forwards to the host upstream (RFC 1542 §4.1).
        lab.StartInClient("dhcrelay", "-d", "-4", "-q", "-id", downstream, "-iu", lab.ClientInterface, NetworkLab.ServerAddress);
        var arguments = HostProcess.CommandLine(lab, layout, HostServices.All, "--config", config).ToList();
        var range = arguments.IndexOf("--dhcp-range");
        arguments.RemoveRange(range, 2); // the file defines the host's own subnet too

        await using var host = await HostProcess.StartAsync(lab, [.. arguments]);

        var relayed = await DhcpClients.UdhcpcAsync(relayedNamespace, relayedLink, DhcpClients.UefiPxe);
        Assert.NotNull(relayed);
        Assert.StartsWith("198.18.10.1", relayed["ip"], StringComparison.Ordinal);
        Assert.InRange(int.Parse(relayed["ip"].Split('.')[3], System.Globalization.CultureInfo.InvariantCulture), 100, 149);
        Assert.Equal("198.18.10.1", relayed["router"]);
        Assert.Equal("192.0.2.53 192.0.2.54", relayed["dns"]);
        Assert.Equal("1500", relayed["mtu"]);
        Assert.Equal("lab.example.test example.test", relayed["search"]);
        // RFC 3442 routes as udhcpc prints them: the listed route, then the default route via the subnet's router.
        Assert.Equal("198.18.0.0/15 198.18.10.254 0.0.0.0/0 198.18.10.1", relayed["staticroutes"]);
        Assert.Equal("1800", relayed["lease"]);
        Assert.Equal("snponly.efi", relayed["boot_file"]);
        Assert.Equal("192.0.2.1", relayed["siaddr"]);
        Assert.Equal("relayed-node", relayed["hostname"]);

        var direct = await DhcpClients.UdhcpcAsync(lab, local, DhcpClients.UefiPxe);
        Assert.NotNull(direct);
        Assert.True(DhcpClients.InTestRange(direct["ip"]), direct["ip"]);
        Assert.Equal("192.0.2.1", direct["router"]);
        Assert.Equal("192.0.2.123", direct["ntpsrv"]);
        Assert.Equal("lab.example.test", direct["domain"]);
    }
}
