using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BareMetal.Testing;

namespace BareMetal.Dhcp.Server.Tests.Interop;

/// <summary>
/// The durability promise, tested the hard way: our server runs as a separate process (the benchmark runner,
/// durable journal) in a namespace, a relay in another namespace gets leases acknowledged, the server is killed with
/// SIGKILL while acknowledgements are still going out, and a new server process on the same journal must still hold
/// every lease that was acknowledged.
/// </summary>
[Collection(InteropGroup.Name)]
public sealed class CrashRecoveryTests : IDisposable
{
    private const string ServerAddress = "192.0.2.1";
    private const string RelayAddress = "192.0.2.2";
    private static readonly TimeSpan ReplyWait = TimeSpan.FromSeconds(1);
    private readonly NetworkLab _lab;
    private readonly string _serverNs;
    private readonly string _serverIf;
    private readonly string _journal;
    private readonly Socket _relay;
    private Process? _server;

    public CrashRecoveryTests()
    {
        _lab = new NetworkLab();
        _serverNs = _lab.Namespace("srv");
        var relayNs = _lab.Namespace("rly");
        _serverIf = $"bmds{_lab.Id}s";
        _lab.Veth(_serverNs, _serverIf, $"{ServerAddress}/24", relayNs, $"bmds{_lab.Id}r", $"{RelayAddress}/24");
        _journal = Path.Combine(_lab.Directory, "journal");

        // The test plays a relay agent (RFC 1542 §4.1): giaddr set, replies come back to its port 67.
        _relay = NetworkLab.InNamespace(relayNs, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(RelayAddress), 67));
            return socket;
        });
    }

    [InteropFact]
    public void KillNine_WhileAcknowledging_EveryAcknowledgedLeaseSurvivesRestart()
    {
        StartServer();
        var acknowledged = new Dictionary<MacAddress, Ipv4Address>();

        // 120 clients bound before the crash.
        var first = Clients(0, 120);
        var offers = Exchange(first.Select(c => Discover(c.Mac, c.Xid)).ToList());
        var acks = Exchange(first.Select(c => Request(c.Mac, c.Xid, offers[c.Xid].YourAddress, withServerId: true)).ToList());
        foreach (var (mac, xid) in first)
        {
            Assert.Equal(DhcpMessageType.Ack, acks[xid].Type);
            Assert.Equal(offers[xid].YourAddress, acks[xid].YourAddress);
            acknowledged.Add(mac, acks[xid].YourAddress);
        }

        // 40 more get offers; their REQUESTs go out together and the server is killed on the first ACK that arrives,
        // while the rest are still being group-committed and sent. ACKs already on the wire count as acknowledged.
        var second = Clients(1000, 40);
        var secondOffers = Exchange(second.Select(c => Discover(c.Mac, c.Xid)).ToList());
        foreach (var (mac, xid) in second)
        {
            Send(Request(mac, xid, secondOffers[xid].YourAddress, withServerId: true));
        }

        var killedAfter = new List<Reply>();
        var firstAck = ReceiveOne(TimeSpan.FromSeconds(5));
        Assert.NotNull(firstAck);
        KillServer();
        killedAfter.Add(firstAck.Value);
        while (ReceiveOne(TimeSpan.FromMilliseconds(300)) is { } late)
        {
            killedAfter.Add(late);
        }

        var macOf = second.ToDictionary(c => c.Xid, c => c.Mac);
        foreach (var reply in killedAfter.Where(r => r.Type == DhcpMessageType.Ack && macOf.ContainsKey(r.Xid)))
        {
            acknowledged[macOf[reply.Xid]] = reply.YourAddress;
        }

        Assert.InRange(acknowledged.Count, 121, 160);

        // A new process on the same journal: every acknowledged client is confirmed in its address (INIT-REBOOT,
        // RFC 2131 §4.3.2), and new clients are offered other addresses.
        StartServer();
        var everyone = acknowledged.Keys.Select((mac, i) => (Mac: mac, Xid: 50_000u + (uint)i)).ToList();
        var confirmations = Exchange(everyone.Select(c => InitReboot(c.Mac, c.Xid, acknowledged[c.Mac])).ToList());
        foreach (var (mac, xid) in everyone)
        {
            Assert.True(confirmations[xid].Type == DhcpMessageType.Ack, $"{mac} held {acknowledged[mac]} before the crash; after it: {confirmations[xid].Type}");
            Assert.Equal(acknowledged[mac], confirmations[xid].YourAddress);
        }

        var newcomers = Clients(2000, 50);
        var newOffers = Exchange(newcomers.Select(c => Discover(c.Mac, c.Xid)).ToList());
        var taken = acknowledged.Values.ToHashSet();
        var offered = newcomers.Select(c => newOffers[c.Xid].YourAddress).ToList();
        Assert.All(offered, address => Assert.DoesNotContain(address, taken));
        Assert.Equal(offered.Count, offered.Distinct().Count());
    }

    public void Dispose()
    {
        KillServer();
        _relay.Dispose();
        _lab.Dispose();
    }

    private static List<(MacAddress Mac, uint Xid)> Clients(int start, int count) =>
        [.. Enumerable.Range(start, count).Select(i => (new MacAddress(0x02_00_5E_00_00_00UL + (ulong)i), (uint)(0x7000_0000 + i)))];

    private static byte[] Discover(MacAddress mac, uint xid) =>
        new Support.ClientPacket(DhcpMessageType.Discover, mac, xid) { GatewayAddress = Ipv4Address.Parse(RelayAddress) }.Build();

    private static byte[] Request(MacAddress mac, uint xid, Ipv4Address address, bool withServerId)
    {
        var packet = new Support.ClientPacket(DhcpMessageType.Request, mac, xid) { GatewayAddress = Ipv4Address.Parse(RelayAddress) }.Requesting(address);
        return (withServerId ? packet.ServerId(Ipv4Address.Parse(ServerAddress)) : packet).Build();
    }

    private static byte[] InitReboot(MacAddress mac, uint xid, Ipv4Address address) => Request(mac, xid, address, withServerId: false);

    private void StartServer()
    {
        var runner = Path.Combine(AppContext.BaseDirectory, "DhcpServerRunner.dll");
        var process = Process.Start(new ProcessStartInfo("ip", $"netns exec {_serverNs} dotnet {runner} {_serverIf} {ServerAddress} 192.0.2.0/24 192.0.2.10-192.0.2.250 {_journal} Durable")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _server = process;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        // `ip netns exec` execs the program, so this is the server's own pid; it prints "listening" once bound.
        var line = process.StandardOutput.ReadLineAsync();
        Assert.True(line.Wait(TimeSpan.FromSeconds(30)), "the server process did not start within 30 s");
        Assert.StartsWith("listening on", line.Result ?? "(exited)", StringComparison.Ordinal);
    }

    private void KillServer()
    {
        if (_server is null)
        {
            return;
        }

        if (!_server.HasExited)
        {
            _server.Kill(); // SIGKILL: no flush, no dispose, no goodbye.
            Assert.True(_server.WaitForExit(10_000), "the server did not die");
            Assert.Equal(128 + 9, _server.ExitCode);
        }

        _server.Dispose();
        _server = null;
    }

    private void Send(byte[] packet) => _relay.SendTo(packet, new IPEndPoint(IPAddress.Parse(ServerAddress), 67));

    /// <summary>Sends every packet and collects one reply per xid, resending the unanswered ones (at most 5 rounds).</summary>
    private Dictionary<uint, Reply> Exchange(List<byte[]> packets)
    {
        var pending = packets.ToDictionary(p => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(4))); // xid (RFC 2131 §2)
        var replies = new Dictionary<uint, Reply>();
        for (var round = 0; round < 5 && replies.Count < pending.Count; round++)
        {
            foreach (var (xid, packet) in pending)
            {
                if (!replies.ContainsKey(xid))
                {
                    Send(packet);
                }
            }

            var deadline = Stopwatch.GetTimestamp() + (long)(ReplyWait.TotalSeconds * Stopwatch.Frequency);
            while (replies.Count < pending.Count && Stopwatch.GetTimestamp() < deadline)
            {
                if (ReceiveOne(ReplyWait) is { } reply && pending.ContainsKey(reply.Xid))
                {
                    replies.TryAdd(reply.Xid, reply);
                }
            }
        }

        Assert.True(replies.Count == pending.Count, $"{pending.Count - replies.Count} of {pending.Count} requests got no reply");
        return replies;
    }

    private Reply? ReceiveOne(TimeSpan timeout)
    {
        if (!_relay.Poll(timeout, SelectMode.SelectRead))
        {
            return null;
        }

        var buffer = new byte[1500];
        var length = _relay.Receive(buffer);
        return DhcpMessageReader.TryParse(buffer.AsSpan(0, length), out var message, out _)
            ? new Reply(message.TransactionId, message.MessageType, message.YourAddress)
            : null;
    }

    private readonly record struct Reply(uint Xid, DhcpMessageType Type, Ipv4Address YourAddress);
}
