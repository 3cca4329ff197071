using System.Net;
using System.Net.Sockets;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Testing;

namespace BareMetal.Dhcp.Server.Tests.Interop;

/// <summary>
/// proxyDHCP on a link where dnsmasq hands out the addresses: a bridge in the client's namespace joins our server
/// (192.0.2.1, proxy mode) and dnsmasq (192.0.2.2, range .150-.199, no boot options). A real EDK2 DISCOVER gets two
/// offers, an address from dnsmasq and boot options from us, and the boot server request on port 4011 is answered.
/// </summary>
[Collection(InteropGroup.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed by IAsyncLifetime.DisposeAsync.")]
public sealed class ProxyBesideDnsmasqTests : IAsyncLifetime
{
    private NetworkLab _lab = null!;
    private ServerInNamespace _server = null!;
    private string _hub = "";
    private string _bridge = "";

    public Task InitializeAsync()
    {
        _lab = new NetworkLab();
        _hub = _lab.Namespace("hub");
        var serverNs = _lab.Namespace("srv");
        var dnsmasqNs = _lab.Namespace("dns");
        _bridge = $"bmds{_lab.Id}b";
        NetworkLab.Exec("ip", $"-n {_hub} link add {_bridge} type bridge");
        NetworkLab.Exec("ip", $"-n {_hub} link set {_bridge} up");
        var serverIf = $"bmds{_lab.Id}s";
        var dnsmasqIf = $"bmds{_lab.Id}d";
        _lab.Veth(_hub, $"bmds{_lab.Id}1", null, serverNs, serverIf, "192.0.2.1/24");
        _lab.Veth(_hub, $"bmds{_lab.Id}2", null, dnsmasqNs, dnsmasqIf, "192.0.2.2/24");
        NetworkLab.Exec("ip", $"-n {_hub} link set bmds{_lab.Id}1 master {_bridge}");
        NetworkLab.Exec("ip", $"-n {_hub} link set bmds{_lab.Id}2 master {_bridge}");

        _lab.StartIn(dnsmasqNs, $"dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface={dnsmasqIf} --bind-interfaces --dhcp-range=192.0.2.150,192.0.2.199,255.255.255.0,1h --dhcp-leasefile={_lab.Directory}/dnsmasq.leases --pid-file={_lab.Directory}/dnsmasq.pid");

        var options = new DhcpServerOptions { MaxPacketsPerClientPerSecond = 0 };
        options.Interfaces.Add(new DhcpInterfaceOptions { Name = serverIf, ServerAddress = "192.0.2.1", Mode = DhcpServerMode.Proxy });
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

    [InteropFact]
    public void Edk2Discover_GetsAddressFromDnsmasqAndBootFromProxy_ThenBootServerAck()
    {
        var discover = PcapFile.ReadUdp("netboot-uefi-edk2-ipxe-dhcp.pcap")
            .First(d => d.DestinationPort == 67 && DhcpMessageReader.TryParse(d.Payload, out var r, out _) && r.MessageType == DhcpMessageType.Discover)
            .Payload;

        var offers = CollectOffers(discover);

        var fromDnsmasq = offers.Single(o => o.Server == Ipv4Address.Parse("192.0.2.2"));
        var fromProxy = offers.Single(o => o.Server == Ipv4Address.Parse("192.0.2.1"));
        Assert.InRange(fromDnsmasq.YourAddress.Value, Ipv4Address.Parse("192.0.2.150").Value, Ipv4Address.Parse("192.0.2.199").Value);
        Assert.Equal("", fromDnsmasq.BootFile);
        Assert.True(fromProxy.YourAddress.IsUnspecified);
        Assert.Equal("snponly.efi", fromProxy.BootFile);
        Assert.Equal("PXEClient", fromProxy.VendorClass);

        // The firmware takes dnsmasq's address, then asks the boot server (PXE 2.1 §2.2.6) on port 4011.
        NetworkLab.Exec("ip", $"-n {_hub} addr add {fromDnsmasq.YourAddress}/24 dev {_bridge}");
        var ack = BootServerRequest(discover, fromDnsmasq.YourAddress);

        Assert.True(DhcpMessageReader.TryParse(ack, out var reader, out _));
        Assert.Equal(DhcpMessageType.Ack, reader.MessageType);
        Assert.Equal("snponly.efi", System.Text.Encoding.ASCII.GetString(reader.BootFileName));
        Assert.Equal(Ipv4Address.Parse("192.0.2.1"), reader.ServerAddress);
    }

    private List<Offer> CollectOffers(byte[] discover) => NetworkLab.InNamespace(_hub, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.EnableBroadcast = true;
        socket.SetRawSocketOption(1, 25, System.Text.Encoding.ASCII.GetBytes(_bridge + "\0"));
        socket.Bind(new IPEndPoint(IPAddress.Any, 68));
        socket.ReceiveTimeout = 500;
        var offers = new List<Offer>();
        var buffer = new byte[1500];
        var deadline = DateTime.UtcNow.AddSeconds(6);
        var sent = 0;
        while (DateTime.UtcNow < deadline && offers.Select(o => o.Server).Distinct().Count() < 2)
        {
            if (sent++ % 4 == 0)
            {
                socket.SendTo(discover, new IPEndPoint(IPAddress.Broadcast, 67));
            }

            try
            {
                var length = socket.Receive(buffer);
                if (DhcpMessageReader.TryParse(buffer.AsSpan(0, length), out var r, out _) && r.MessageType == DhcpMessageType.Offer && r.TryGetServerIdentifier(out var server))
                {
                    offers.Add(new Offer(server, r.YourAddress, System.Text.Encoding.ASCII.GetString(r.BootFileName),
                        r.TryGetVendorClassIdentifier(out var vendor) ? System.Text.Encoding.ASCII.GetString(vendor) : null));
                }
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.TimedOut || exception.SocketErrorCode == SocketError.WouldBlock)
            {
            }
        }

        return offers.GroupBy(o => o.Server).Select(g => g.First()).ToList();
    });

    private byte[] BootServerRequest(byte[] discover, Ipv4Address clientAddress) => NetworkLab.InNamespace(_hub, () =>
    {
        // The captured DISCOVER turned into a REQUEST from the client's new address, as EDK2 sends it to port 4011.
        var request = (byte[])discover.Clone();
        Assert.True(DhcpMessageReader.TryParse(request, out _, out _));
        var type = FindOption(request, (byte)DhcpOptionCode.DhcpMessageType);
        request[type + 2] = (byte)DhcpMessageType.Request;
        clientAddress.WriteTo(request.AsSpan(12));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(clientAddress.ToIPAddress(), 4011));
        socket.ReceiveTimeout = 3_000;
        socket.SendTo(request, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 4011));
        var buffer = new byte[1500];
        return buffer[..socket.Receive(buffer)];
    });

    private static int FindOption(byte[] packet, byte code)
    {
        for (var i = 240; i < packet.Length && packet[i] != 255;)
        {
            if (packet[i] == 0)
            {
                i++;
                continue;
            }

            if (packet[i] == code)
            {
                return i;
            }

            i += 2 + packet[i + 1];
        }

        throw new InvalidOperationException($"option {code} not found");
    }

    private sealed record Offer(Ipv4Address Server, Ipv4Address YourAddress, string BootFile, string? VendorClass);
}
