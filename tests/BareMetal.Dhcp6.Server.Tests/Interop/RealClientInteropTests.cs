using BareMetal.Dhcp6.Server.Configuration;
using BareMetal.Dhcp6.Server.Engine;
using BareMetal.Dhcp6.Server.Leases;
using BareMetal.Dhcp6.Server.Transport;
using BareMetal.Testing;

namespace BareMetal.Dhcp6.Server.Tests.Interop;

/// <summary>
/// ISC dhclient -6 (Debian isc-dhcp-client) against our engine behind <see cref="Dhcp6UdpListener"/>, over a veth pair
/// between two namespaces (bm24-ID-s with 2001:db8:24::1/64, bm24-ID-c): multicast Solicit to ff02::1:2, Advertise
/// and Reply to the client's link-local address, then a Release; and perfdhcp -6's four-message exchanges.
/// </summary>
public sealed class RealClientInteropTests : IDisposable
{
    private readonly NetworkNamespaces _net = new("bm24");
    private readonly string _serverNs;
    private readonly string _clientNs;
    private readonly string _serverIf;
    private readonly string _clientIf;
    private readonly string _work = Directory.CreateTempSubdirectory("bm24-").FullName;

    public RealClientInteropTests()
    {
        Assert.True(NetworkNamespaces.IsRoot, "interop tests need root to create network namespaces (CI runs as root)");
        _serverNs = _net.AddNamespace("s");
        _clientNs = _net.AddNamespace("c");
        _serverIf = $"bm24{_net.Id}s";
        _clientIf = $"bm24{_net.Id}c";
        foreach (var ns in new[] { _serverNs, _clientNs })
        {
            // Link-local addresses usable at once (no duplicate address detection wait) on the fresh link.
            NetworkNamespaces.Run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        }

        _net.AddVeth(_serverNs, _serverIf, null, _clientNs, _clientIf, null);
        NetworkNamespaces.Run("ip", "-n", _serverNs, "addr", "add", "2001:db8:24::1/64", "dev", _serverIf, "nodad");
        WaitForLinkLocal(_serverNs, _serverIf);
        WaitForLinkLocal(_clientNs, _clientIf);
    }

    [Fact]
    public async Task Dhclient6_GetsAddressFromRangeAndReleasesIt()
    {
        var options = new Dhcp6ServerOptions { ServerMacAddress = "02:00:00:24:00:fe" };
        var subnet = new Dhcp6SubnetOptions
        {
            Prefix = "2001:db8:24::/64",
            InterfaceName = _serverIf,
            ServerAddress = "2001:db8:24::1",
            RangeFirst = "2001:db8:24::100",
            RangeLast = "2001:db8:24::1ff",
        };
        subnet.DnsServers.Add("2001:db8:24::1");
        options.Subnets.Add(subnet);
        var store = new InMemoryDhcp6LeaseStore();
        var engine = new Dhcp6ServerEngine(options, store);
        await using var listener = NetworkNamespaces.InNamespace(_serverNs, () => Dhcp6UdpListener.Start(engine, [_serverIf]));

        var leases = Path.Combine(_work, "dhclient6.leases");
        var (code, output) = NetworkNamespaces.ExecIn(_clientNs, TimeSpan.FromSeconds(40), "dhclient", "-6", "-1", "-v",
            "-sf", "/bin/true", "-lf", leases, "-pf", Path.Combine(_work, "dhclient6.pid"), _clientIf);

        Assert.True(code == 0, $"dhclient -6 failed ({code}): {output}");
        var lease = Assert.Single(store.Snapshot());
        Assert.Equal(Dhcp6LeaseState.Bound, lease.State);
        Assert.InRange(lease.Address.Low, 0x100UL, 0x1ffUL);
        var text = File.ReadAllText(leases);
        Assert.Contains($"iaaddr {lease.Address}", text, StringComparison.Ordinal);
        Assert.Contains("option dhcp6.name-servers 2001:db8:24::1", text, StringComparison.Ordinal);

        (code, output) = NetworkNamespaces.ExecIn(_clientNs, TimeSpan.FromSeconds(30), "dhclient", "-6", "-r", "-v",
            "-sf", "/bin/true", "-lf", leases, "-pf", Path.Combine(_work, "dhclient6.pid"), _clientIf);

        Assert.True(code == 0, $"dhclient -6 -r failed ({code}): {output}");
        Assert.Empty(store.Snapshot());
    }

    [Fact]
    public async Task Perfdhcp6_FiftyClients_FourMessageExchanges()
    {
        var options = new Dhcp6ServerOptions { ServerMacAddress = "02:00:00:24:00:fe" };
        options.Subnets.Add(new Dhcp6SubnetOptions
        {
            Prefix = "2001:db8:24::/64",
            InterfaceName = _serverIf,
            ServerAddress = "2001:db8:24::1",
            RangeFirst = "2001:db8:24::1000",
            RangeLast = "2001:db8:24::1fff",
        });
        var store = new InMemoryDhcp6LeaseStore();
        var engine = new Dhcp6ServerEngine(options, store);
        await using var listener = NetworkNamespaces.InNamespace(_serverNs, () => Dhcp6UdpListener.Start(engine, [_serverIf]));

        // perfdhcp (Debian kea-admin): 50 simulated clients (DUID-LL), Solicit-Advertise then Request-Reply each; -W waits
        // 2 s for the last replies before it exits (without it the last Reply may count as a drop).
        var (code, output) = NetworkNamespaces.ExecIn(_clientNs, TimeSpan.FromSeconds(60), "perfdhcp", "-6", "-l", _clientIf,
            "-r", "25", "-n", "50", "-R", "50", "-p", "20", "-W", "2000000");

        var counts = System.Text.RegularExpressions.Regex.Matches(output, @"(sent|received) packets: (\d+)")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.True(counts.Length >= 4, $"perfdhcp -6 printed no statistics ({code}): {output}");
        var (solicits, advertises, requests, replies) = (counts[0].Item2, counts[1].Item2, counts[2].Item2, counts[3].Item2);
        Assert.True(solicits >= 50 && advertises == solicits, $"Solicit/Advertise {solicits}/{advertises}: {output}");
        Assert.True(requests == advertises && replies == requests, $"Request/Reply {requests}/{replies}: {output}");
        Assert.Equal(replies, store.Snapshot().Count(l => l.State == Dhcp6LeaseState.Bound));
    }

    private static void WaitForLinkLocal(string ns, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var output = NetworkNamespaces.ExecIn(ns, TimeSpan.FromSeconds(5), "ip", "-6", "addr", "show", "dev", name, "scope", "link").Output;
            if (output.Contains("fe80::", StringComparison.Ordinal) && !output.Contains("tentative", StringComparison.Ordinal))
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"{name} in {ns} has no usable link-local address.");
    }

    public void Dispose()
    {
        _net.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
