using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using BareMetal.Dhcp;
using BareMetal.Ipxe;
using BareMetal.Tftp;

namespace StormSim;

/// <summary>
/// One machine of the storm, doing what UEFI firmware, iPXE and the agent do in order: DHCP as the firmware,
/// the first-stage loader over TFTP, DHCP again as iPXE, the script, kernel and initrd over HTTP, and the agent's
/// first API calls. Every transfer is checked byte for byte (SHA-256) against the file the server serves. TFTP and
/// HTTP leave from the address the machine was given (the client namespace treats the whole pool as local).
/// </summary>
internal sealed class SimulatedMachine
{
    private readonly DhcpMux _dhcp;
    private readonly ExpectedFiles _files;
    private readonly byte[] _mac;
    private readonly uint _xid;

    public SimulatedMachine(DhcpMux dhcp, ExpectedFiles files, byte macTag, int index)
    {
        _dhcp = dhcp;
        _files = files;
        _mac = [0x02, macTag, 0x00, (byte)(index >> 16), (byte)(index >> 8), (byte)index];
        _xid = ((uint)macTag << 24) ^ ((uint)index << 4);
        Result = new MachineResult(Mac);
    }

    public string Mac => Convert.ToHexString(_mac).ToLowerInvariant().Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);

    public MachineResult Result { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var stage = Stage.Dhcp;
        try
        {
            var lease = await Timed(stage, () => DhcpAsync(BootStage.Firmware, _xid, cancellationToken));
            stage = Stage.Tftp;
            await Timed(stage, () => TftpAsync(lease, cancellationToken));
            stage = Stage.IpxeDhcp;
            var ipxeLease = await Timed(stage, () => DhcpAsync(BootStage.Ipxe, _xid + 1, cancellationToken));
            using var http = HttpFrom(ipxeLease.Address);
            stage = Stage.Script;
            var script = await Timed(stage, () => ScriptAsync(http, ipxeLease.BootFile, cancellationToken));
            stage = Stage.Kernel;
            await Timed(stage, () => FetchAsync(http, script.Kernel, cancellationToken));
            stage = Stage.Initrd;
            await Timed(stage, async () =>
            {
                foreach (var initrd in script.Initrds)
                {
                    await FetchAsync(http, initrd, cancellationToken);
                }

                return true;
            });
            stage = Stage.Api;
            await Timed(stage, () => AgentAsync(http, script, cancellationToken));
        }
        catch (Exception exception) when (exception is StormException or HttpRequestException or SocketException or TftpException or IOException or OperationCanceledException or TimeoutException)
        {
            Result.FailedAt = stage;
            Result.Error = exception is OperationCanceledException ? "gave up (time limit)" : exception.Message;
        }

        Result.TotalSeconds = total.Elapsed.TotalSeconds;
    }

    private async Task<T> Timed<T>(Stage stage, Func<Task<T>> step)
    {
        var watch = Stopwatch.StartNew();
        var value = await step();
        Result.Seconds[(int)stage] = watch.Elapsed.TotalSeconds;
        return value;
    }

    private async Task<Lease> DhcpAsync(BootStage stage, uint xid, CancellationToken cancellationToken)
    {
        // RFC 2131 §3.1: DISCOVER, then REQUEST the first OFFER; both retransmitted on silence. A NAK sends the
        // client back to DISCOVER (§3.1 step 5) after a random pause of up to 2 s, as firmware does; eight NAKs in a
        // row fail the machine. (dnsmasq offers one free address to every DISCOVER that arrives before the first
        // REQUEST for it, so in a storm most of its OFFERs end in a NAK: the pause spreads the retries.)
        for (var round = 1; ; round++, xid += 2)
        {
            // A new transaction for each round (firmware picks a new xid); +2 keeps the firmware's and iPXE's apart.
            var offer = await _dhcp.ExchangeAsync(FirmwarePackets.Discover(stage, xid, _mac), xid, DhcpMessageType.Offer, 4, cancellationToken)
                ?? throw new StormException($"no DHCP OFFER ({stage})");
            var (_, offered, server, _, _) = Read(offer);
            var ack = await _dhcp.ExchangeAsync(FirmwarePackets.Request(stage, xid, _mac, offered, server), xid, DhcpMessageType.Ack, 4, cancellationToken)
                ?? throw new StormException($"no DHCP ACK ({stage})");
            var (type, address, ackServer, nextServer, bootFile) = Read(ack);
            if (type == DhcpMessageType.Nak)
            {
                Result.DhcpRestarts++;
                if (round == 8)
                {
                    throw new StormException($"DHCP NAK {round} times ({stage})");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2000)), cancellationToken);
                continue;
            }

            if (address != offered)
            {
                throw new StormException($"ACK for {address}, offered {offered}");
            }

            if (bootFile.Length == 0)
            {
                throw new StormException($"the ACK named no boot file ({stage})");
            }

            return new Lease(address.ToIPAddress(), (nextServer.IsUnspecified ? ackServer : nextServer).ToIPAddress(), bootFile);
        }
    }

    private static (DhcpMessageType Type, Ipv4Address Address, Ipv4Address Server, Ipv4Address NextServer, string BootFile) Read(byte[] packet)
    {
        if (!DhcpMessageReader.TryParse(packet, out var reader, out var error))
        {
            throw new StormException($"unreadable DHCP reply: {error}");
        }

        reader.TryGetServerIdentifier(out var server);
        var file = reader.TryGetBootFileNameOption(out var option) ? option : reader.BootFileName;
        return (reader.MessageType, reader.YourAddress, server, reader.ServerAddress, Encoding.ASCII.GetString(file).TrimEnd('\0'));
    }

    private async Task<bool> TftpAsync(Lease lease, CancellationToken cancellationToken)
    {
        // EDK2 asks for blksize 1468, windowsize 4 and tsize (lab notes); its separate size probe is not simulated.
        var client = new TftpClient(new TftpClientOptions
        {
            BlockSize = 1468,
            WindowSize = 4,
            RequestTransferSize = true,
            LocalEndPoint = new IPEndPoint(lease.Address, 0),
            RetransmitTimeout = TimeSpan.FromSeconds(1),
            IdleTimeout = TimeSpan.FromSeconds(30),
        });
        using var sink = new HashingStream();
        await client.GetAsync(new IPEndPoint(lease.NextServer, 69), lease.BootFile, sink, cancellationToken: cancellationToken);
        _files.Check(lease.BootFile, sink.Length, sink.Sha256());
        return true;
    }

    private static async Task<BootScript> ScriptAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(url), cancellationToken);
        var script = IpxeScriptReader.Read(text);
        string? kernel = null;
        var arguments = new List<string>();
        var initrds = new List<string>();
        foreach (var command in script.Commands)
        {
            if (command.Kind == IpxeCommandKind.Kernel && command.FirstArgument is { } uri)
            {
                kernel = uri.Text;
                arguments.AddRange(command.Arguments.Skip(1).Select(a => a.Text));
            }
            else if (command.Kind == IpxeCommandKind.Initrd && command.FirstArgument is { } initrd)
            {
                initrds.Add(initrd.Text);
            }
        }

        if (kernel is null)
        {
            throw new StormException($"the script at {url} loads no kernel: {text.ReplaceLineEndings(" | ")}");
        }

        return new BootScript(new Uri(url), kernel, initrds, arguments);
    }

    private async Task<bool> FetchAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new StormException($"GET {url}: {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var sink = new HashingStream();
        await body.CopyToAsync(sink, 256 * 1024, cancellationToken);
        _files.Check(new Uri(url).Segments[^1], sink.Length, sink.Sha256());
        return true;
    }

    private async Task<bool> AgentAsync(HttpClient http, BootScript script, CancellationToken cancellationToken)
    {
        var api = script.Argument("baremetal.api") is { } given ? new Uri(given) : new Uri(script.Url, "/");
        var mac = script.Argument("baremetal.mac") ?? Mac;
        var token = script.Argument("baremetal.token");
        using (var workflow = await http.GetAsync(new Uri(api, $"/api/v1/machines/{mac}/workflow"), cancellationToken))
        {
            if (!workflow.IsSuccessStatusCode)
            {
                throw new StormException($"GET workflow: {(int)workflow.StatusCode}");
            }
        }

        if (token is not null)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(api, $"/api/v1/machines/{mac}/events"))
            {
                Content = new StringContent("""{"type":"agent-started","message":"boot storm"}""", Encoding.UTF8, "application/json"),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var answer = await http.SendAsync(post, cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                throw new StormException($"POST agent-started: {(int)answer.StatusCode}");
            }
        }

        return true;
    }

    private static HttpClient HttpFrom(IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            // iPXE keeps one connection per server; so does the machine here.
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private sealed record Lease(IPAddress Address, IPAddress NextServer, string BootFile);

    private sealed record BootScript(Uri Url, string Kernel, IReadOnlyList<string> Initrds, IReadOnlyList<string> KernelArguments)
    {
        public string? Argument(string name) =>
            KernelArguments.LastOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
    }
}

/// <summary>A machine's boot went wrong in a way the server is responsible for (a missing or wrong answer).</summary>
internal sealed class StormException(string message) : Exception(message);
