using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Testing;

namespace BareMetal.Dhcp.Server.Tests.Interop;

/// <summary>
/// Real DHCP clients against our server over a veth pair: client namespace (bmdsXc) ↔ server namespace
/// (bmdsXs, 192.0.2.1/24, pool 192.0.2.10-192.0.2.250, durable journal).
/// </summary>
[Collection(InteropGroup.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed by IAsyncLifetime.DisposeAsync.")]
public sealed partial class RealClientTests : IAsyncLifetime
{
    private NetworkLab _lab = null!;
    private ServerInNamespace _server = null!;
    private string _clientNs = "";
    private string _clientIf = "";

    public Task InitializeAsync()
    {
        _lab = new NetworkLab();
        var serverNs = _lab.Namespace("srv");
        _clientNs = _lab.Namespace("cli");
        var serverIf = $"bmds{_lab.Id}s";
        _clientIf = $"bmds{_lab.Id}c";
        _lab.Veth(serverNs, serverIf, "192.0.2.1/24", _clientNs, _clientIf, null);
        var options = new DhcpServerOptions { MaxPacketsPerClientPerSecond = 0 };
        options.Interfaces.Add(new DhcpInterfaceOptions { Name = serverIf, ServerAddress = "192.0.2.1" });
        var subnet = new DhcpSubnetOptions { Network = "192.0.2.0/24", Router = "192.0.2.1" };
        subnet.Pools.Add("192.0.2.10-192.0.2.250");
        subnet.DnsServers.Add("192.0.2.1");
        subnet.DomainSearch.Add("lab.example.test");
        subnet.NtpServers.Add("192.0.2.123");
        subnet.Mtu = 9000;
        subnet.ClasslessRoutes.Add("198.18.0.0/15 via 192.0.2.254");
        options.Subnets.Add(subnet);
        _server = new ServerInNamespace(serverNs, options, Path.Combine(_lab.Directory, "journal"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _lab?.Dispose();
    }

    private static Ipv4Address Address(string text) => Ipv4Address.Parse(text);

    [InteropFact]
    public void Udhcpc_GetsLeaseFromPoolAndItIsJournaled()
    {
        var (code, output) = NetworkLab.ExecIn(_clientNs, $"udhcpc -i {_clientIf} -f -q -n -t 5 -T 1 -s /bin/true", timeoutSeconds: 20);

        Assert.True(code == 0, output);
        var match = LeaseObtained().Match(output);
        Assert.True(match.Success, output);
        var leased = Address(match.Groups[1].Value);
        Assert.Equal("192.0.2.1", match.Groups[2].Value);
        Assert.Equal(DhcpLeaseState.Bound, _server.Engine.Leases.FindByAddress(leased)?.State);
        Assert.Contains(leased, JournaledLeases());
    }

    [InteropFact]
    public void Dhclient_GetsLease()
    {
        var leaseFile = Path.Combine(_lab.Directory, "dhclient.leases");
        var config = Path.Combine(_lab.Directory, "dhclient.conf");
        File.WriteAllText(config, "timeout 15;\nretry 1;\n");
        var (code, output) = NetworkLab.ExecIn(
            _clientNs,
            $"dhclient -4 -v -1 -cf {config} -sf /bin/true -lf {leaseFile} -pf {_lab.Directory}/dhclient.pid {_clientIf}",
            timeoutSeconds: 30);

        Assert.True(code == 0, output);
        Assert.Contains("DHCPACK of 192.0.2.", output, StringComparison.Ordinal);
        var leases = File.ReadAllText(leaseFile);
        var match = FixedAddress().Match(leases);
        Assert.True(match.Success, leases);
        Assert.Contains("option dhcp-server-identifier 192.0.2.1;", leases, StringComparison.Ordinal);
        Assert.Equal(DhcpLeaseState.Bound, _server.Engine.Leases.FindByAddress(Address(match.Groups[1].Value))?.State);
    }

    [InteropFact]
    public void Dhclient_RequestsSubnetOptions_GetsMtuNtpSearchListAndRoutes()
    {
        var leaseFile = Path.Combine(_lab.Directory, "dhclient-options.leases");
        var config = Path.Combine(_lab.Directory, "dhclient-options.conf");
        // Debian's dhclient.conf declares option 121 the same way; dhclient then keeps it in the lease file.
        File.WriteAllText(config, """
            option rfc3442-classless-static-routes code 121 = array of unsigned integer 8;
            timeout 15;
            retry 1;
            request subnet-mask, broadcast-address, routers, domain-name-servers, domain-search, ntp-servers,
                interface-mtu, rfc3442-classless-static-routes;
            """);
        var (code, output) = NetworkLab.ExecIn(
            _clientNs,
            $"dhclient -4 -v -1 -cf {config} -sf /bin/true -lf {leaseFile} -pf {_lab.Directory}/dhclient-options.pid {_clientIf}",
            timeoutSeconds: 30);

        Assert.True(code == 0, output);
        var leases = File.ReadAllText(leaseFile);
        Assert.Contains("option interface-mtu 9000;", leases, StringComparison.Ordinal);
        Assert.Contains("option ntp-servers 192.0.2.123;", leases, StringComparison.Ordinal);
        Assert.Contains("option domain-search \"lab.example.test.\";", leases, StringComparison.Ordinal);
        // RFC 3442: 198.18.0.0/15 via 192.0.2.254, then the default route via the router.
        Assert.Contains("option rfc3442-classless-static-routes 15,198,18,192,0,2,254,0,192,0,2,1;", leases, StringComparison.Ordinal);
    }

    [InteropFact]
    public void Nmap_BroadcastDhcpDiscover_ReportsOurOffer()
    {
        // nmap 7.93's script cannot look up an interface without an IPv4 address; any address will do.
        NetworkLab.Exec("ip", $"-n {_clientNs} addr add 198.18.0.2/24 dev {_clientIf}");
        var (code, output) = NetworkLab.ExecIn(_clientNs, $"nmap -n --script broadcast-dhcp-discover --script-args broadcast-dhcp-discover.timeout=3s -e {_clientIf}", timeoutSeconds: 60);

        Assert.True(code == 0, output);
        Assert.True(Regex.IsMatch(output, @"IP Offered: 192\.0\.2\.\d+"), output);
        Assert.Contains("Server Identifier: 192.0.2.1", output, StringComparison.Ordinal);
        Assert.Contains("Subnet Mask: 255.255.255.0", output, StringComparison.Ordinal);
    }

    [InteropFact]
    public void Perfdhcp_BroadcastAndRelay_EveryExchangeCompletes()
    {
        // perfdhcp broadcasts from port 68 (-l IF), or acts as a relay (-l ADDRESS: giaddr set, port 67); 2 x 100
        // random clients fit the 241-address pool; -W waits 2 s for the last replies instead of counting them as drops.
        NetworkLab.Exec("ip", $"-n {_clientNs} addr add 192.0.2.2/24 dev {_clientIf}");
        foreach (var target in new[] { _clientIf, "192.0.2.2" })
        {
            var (code, output) = NetworkLab.ExecIn(_clientNs, $"perfdhcp -4 -l {target} -r 100 -n 100 -R 100000 -W 2000000 192.0.2.1", timeoutSeconds: 60);
            var sent = Counter(output, "sent");
            var received = Counter(output, "received");
            Assert.True(code is 0, $"{target}: {_server.Ignored}\n{output}");
            Assert.Equal(new[] { 100, 100 }, sent); // DISCOVER-OFFER, REQUEST-ACK
            Assert.Equal(sent, received);
        }
    }

    [InteropFact]
    public void CapturedIpxeAndEdk2Discovers_ReplayedOverUdp_GetPxeOffers()
    {
        var bios = FirstDiscover("netboot-bios-ipxe-dhcp.pcap");
        var uefi = FirstDiscover("netboot-uefi-edk2-ipxe-dhcp.pcap");

        var biosOffer = Exchange(bios);
        var uefiOffer = Exchange(uefi);

        Assert.True(DhcpMessageReader.TryParse(biosOffer, out var b, out _));
        Assert.Equal(DhcpMessageType.Offer, b.MessageType);
        Assert.Equal("http://192.0.2.1:8080/ipxe/52:54:00:12:34:56", System.Text.Encoding.ASCII.GetString(b.BootFileName));
        Assert.True(DhcpMessageReader.TryParse(uefiOffer, out var u, out _));
        Assert.Equal(DhcpMessageType.Offer, u.MessageType);
        Assert.Equal("snponly.efi", System.Text.Encoding.ASCII.GetString(u.BootFileName));
        Assert.Equal(Address("192.0.2.1"), u.ServerAddress);
        Assert.Equal(u.TransactionId, new DhcpMessageReaderProbe(uefi).TransactionId);
    }

    private byte[] Exchange(byte[] discover) => NetworkLab.InNamespace(_clientNs, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.EnableBroadcast = true;
        socket.SetRawSocketOption(1, 25, System.Text.Encoding.ASCII.GetBytes(_clientIf + "\0"));
        socket.Bind(new IPEndPoint(IPAddress.Any, 68));
        socket.ReceiveTimeout = 3_000;
        socket.SendTo(discover, new IPEndPoint(IPAddress.Broadcast, 67));
        var buffer = new byte[1500];
        var length = socket.Receive(buffer);
        return buffer[..length];
    });

    private static byte[] FirstDiscover(string capture) =>
        PcapFile.ReadUdp(capture)
            .Where(d => d.DestinationPort == 67 && DhcpMessageReader.TryParse(d.Payload, out var r, out _) && r.MessageType == DhcpMessageType.Discover)
            .Select(d => d.Payload)
            .First();

    private HashSet<Ipv4Address> JournaledLeases()
    {
        // The journal is still open by the server: read a copy, as recovery after a crash would.
        var copy = Path.Combine(_lab.Directory, "journal-copy");
        Directory.CreateDirectory(copy);
        File.Copy(_server.Store.JournalPath, Path.Combine(copy, JournalLeaseStore.FileName), overwrite: true);
        using var recovered = new JournalLeaseStore(copy);
        return [.. recovered.Snapshot().Where(l => l.State == DhcpLeaseState.Bound).Select(l => l.Address)];
    }

    private static int[] Counter(string output, string name) =>
        [.. Regex.Matches(output, $@"{name} packets: (\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"lease of (\d+\.\d+\.\d+\.\d+) obtained from (\d+\.\d+\.\d+\.\d+)")]
    private static partial Regex LeaseObtained();

    [GeneratedRegex(@"fixed-address (\d+\.\d+\.\d+\.\d+);")]
    private static partial Regex FixedAddress();

    private readonly ref struct DhcpMessageReaderProbe(byte[] packet)
    {
        public uint TransactionId => DhcpMessageReader.TryParse(packet, out var r, out _) ? r.TransactionId : 0;
    }
}
