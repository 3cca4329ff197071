using System.Diagnostics;
using BareMetal.Dhcp.Server.Access;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.Dhcp.Server.Engine;

/// <summary>
/// The DHCP and proxyDHCP server as a pure function of its state: request bytes and a context in, a decision and the
/// reply bytes out, no sockets and no clock of its own. Thread-safe: calls are serialised on one lock, so several
/// interface transports can share one engine (and one lease store).
/// </summary>
public sealed partial class DhcpServerEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly DhcpServerConfiguration _config;
    private readonly IDhcpLeaseStore _leases;
    private readonly IBootPolicy _bootPolicy;
    private readonly IDhcpServerObserver[] _observers;
    private readonly IDhcpReservationSource? _reservationSource;
    private readonly ILogger _logger;
    private readonly DhcpServerMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly MacRateLimiter _rateLimiter;
    private readonly Dictionary<MacAddress, DiscoveredClient> _discovered = [];
    private readonly HashSet<Ipv4Address> _serverAddresses = [];

    // The classification of the packet in hand (PxeClassifier.Classify runs once per packet, in ProcessParsed):
    // packets are processed one at a time under _gate, so the discovery, proxy and boot-option steps read it here.
    private PxeClientInfo _client;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">The server options; validated here (an <see cref="ArgumentException"/> lists every bad field).</param>
    /// <param name="leases">The lease store (the engine does not dispose it).</param>
    /// <param name="bootPolicy">Decides what boot clients load; <see langword="null"/> uses <see cref="ArchitectureBootPolicy"/>.</param>
    /// <param name="observers">Receivers of lease and discovery events.</param>
    /// <param name="reservationSource">Host-provided reservations and known machines.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">The instruments; a private meter is used when <see langword="null"/>.</param>
    public DhcpServerEngine(
        DhcpServerOptions options,
        IDhcpLeaseStore leases,
        IBootPolicy? bootPolicy = null,
        IEnumerable<IDhcpServerObserver>? observers = null,
        IDhcpReservationSource? reservationSource = null,
        ILogger<DhcpServerEngine>? logger = null,
        DhcpServerMetrics? metrics = null)
        : this(Compile(options), leases, bootPolicy ?? new ArchitectureBootPolicy(options.Boot), observers, reservationSource, logger, metrics)
    {
    }

    /// <summary>The hosted path: options already compiled by the validator at start (see <c>AddDhcpServer</c>).</summary>
    internal DhcpServerEngine(
        DhcpServerConfiguration config,
        IDhcpLeaseStore leases,
        IBootPolicy bootPolicy,
        IEnumerable<IDhcpServerObserver>? observers,
        IDhcpReservationSource? reservationSource,
        ILogger<DhcpServerEngine>? logger,
        DhcpServerMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(leases);
        _config = config;
        _leases = leases;
        _bootPolicy = bootPolicy;
        _observers = observers?.ToArray() ?? [];
        _reservationSource = reservationSource;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _ownsMetrics = metrics is null;
        _metrics = metrics ?? new DhcpServerMetrics();
        _rateLimiter = new MacRateLimiter(_config.MaxPacketsPerClientPerSecond);
        foreach (var item in _config.Interfaces)
        {
            _serverAddresses.Add(item.ServerAddress);
        }
    }

    private static DhcpServerConfiguration Compile(DhcpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DhcpServerConfiguration.TryCreate(options, out var config, out var errors)
            ? config!
            : throw new ArgumentException("Invalid DHCP server options: " + string.Join(" ", errors), nameof(options));
    }

    /// <summary>The lease store.</summary>
    public IDhcpLeaseStore Leases => _leases;

    /// <summary>The number of configured interfaces (valid <see cref="DhcpPacketContext.InterfaceIndex"/> values are below it).</summary>
    public int InterfaceCount => _config.Interfaces.Length;

    /// <summary>
    /// Handles one request. The reply, if any, is written to <paramref name="reply"/> (1,500 bytes suffice for any
    /// reply; it must not overlap <paramref name="request"/>). Never throws on untrusted bytes.
    /// </summary>
    /// <param name="request">The UDP payload received.</param>
    /// <param name="context">Where and when it arrived.</param>
    /// <param name="reply">The buffer for the reply.</param>
    /// <returns>The reply's length and destination, or the reason for ignoring the packet.</returns>
    public DhcpProcessResult Process(ReadOnlySpan<byte> request, in DhcpPacketContext context, Span<byte> reply)
    {
        var started = Stopwatch.GetTimestamp();
        var iface = _config.Interfaces[context.InterfaceIndex];
        if (!DhcpMessageReader.TryParse(request, out var reader, out var parseError))
        {
            Log.MalformedPacket(_logger, iface.Name, request.Length, parseError);
            return Finish(DhcpProcessResult.Ignore(DhcpMessageType.None, DhcpIgnoreReason.Malformed), started);
        }

        DhcpProcessResult result;
        lock (_gate)
        {
            result = ProcessParsed(reader, iface, context, reply);
        }

        if (result.IgnoreReason is not (DhcpIgnoreReason.None or DhcpIgnoreReason.NoReplyExpected))
        {
            Log.PacketIgnored(_logger, iface.Name, reader.ClientMacAddress, reader.MessageType, result.IgnoreReason);
        }

        return Finish(result, started);
    }

    /// <summary>
    /// Forces saved lease changes to storage. The transport calls it before sending replies that need it, from its own
    /// flushing thread: it does not take the engine's lock, so other clients are answered while the disk works.
    /// </summary>
    public void Flush() => _leases.Flush();

    /// <summary>Whether the lease store holds changes not yet flushed (safe to ask from any thread).</summary>
    public bool HasUnflushedChanges => _leases.HasUnflushedChanges;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMetrics)
        {
            _metrics.Dispose();
        }
    }

    private DhcpProcessResult Finish(in DhcpProcessResult result, long started)
    {
        if (result.RequestType != DhcpMessageType.None)
        {
            _metrics.Received(result.RequestType);
        }

        if (result.HasReply)
        {
            _metrics.Sent(result.ReplyType);
        }
        else if (result.IgnoreReason != DhcpIgnoreReason.NoReplyExpected)
        {
            _metrics.Ignored(result.IgnoreReason);
            if (_observers.Length > 0)
            {
                foreach (var observer in _observers)
                {
                    try
                    {
                        observer.OnPacketIgnored(result.IgnoreReason);
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        Log.ObserverFailed(_logger, exception, observer.GetType().Name, nameof(IDhcpServerObserver.OnPacketIgnored));
                    }
                }
            }
        }

        _metrics.RecordProcessing(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private DhcpProcessResult ProcessParsed(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, Span<byte> reply)
    {
        var type = request.MessageType;
        if (request.Op != DhcpOpcode.BootRequest)
        {
            return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.NotARequest);
        }

        if (request.HardwareAddressLength is 0 or > 16)
        {
            return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.BadHardwareAddress);
        }

        var mac = request.ClientMacAddress;
        if (!_rateLimiter.TryAcquire(mac, context.NowUnixMilliseconds))
        {
            return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.RateLimited);
        }

        _client = PxeClassifier.Classify(request);
        var client = ClientKeyOf(request);
        var known = LookUpClient(request, client, mac, out var reservation);
        if (!known)
        {
            var answered = !_config.KnownClientsOnly;
            NoteUnknownClient(request, iface, context.NowUnixMilliseconds, answered);
            if (!answered)
            {
                return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.UnknownClient);
            }
        }

        if (iface.Mode == DhcpServerMode.Proxy)
        {
            return ProcessProxy(request, iface, context, reply);
        }

        return type switch
        {
            DhcpMessageType.Discover => Discover(request, iface, context, client, reservation, reply),
            DhcpMessageType.Request => Request(request, iface, context, client, reservation, reply),
            DhcpMessageType.Decline => Decline(request, iface, context, client),
            DhcpMessageType.Release => Release(request, iface, context, client),
            DhcpMessageType.Inform => Inform(request, iface, context, reply),
            _ => DhcpProcessResult.Ignore(type, DhcpIgnoreReason.UnsupportedMessageType),
        };
    }

    /// <summary>RFC 2131 §4.2: the client identifier (option 61) if present, else htype and chaddr.</summary>
    private static DhcpClientKey ClientKeyOf(in DhcpMessageReader request) =>
        request.TryGetClientIdentifier(out var id) && id.Length > 0
            ? DhcpClientKey.FromClientIdentifier(id)
            : DhcpClientKey.FromHardwareAddress(request.HardwareType, request.ClientHardwareAddress);

    /// <summary>Finds the client's reservation (by client id, then MAC, then the host's source); true when the client is known.</summary>
    private bool LookUpClient(in DhcpMessageReader request, in DhcpClientKey client, MacAddress mac, out Reservation reservation)
    {
        reservation = default;
        if (client.Kind == DhcpClientKeyKind.ClientIdentifier && _config.ReservationsByClientId.TryGetValue(client, out var byId))
        {
            reservation = new Reservation(byId.Address, byId.HostName, byId.Subnet);
            return true;
        }

        if (request.HasEthernetAddress && _config.ReservationsByMac.TryGetValue(mac, out var byMac))
        {
            reservation = new Reservation(byMac.Address, byMac.HostName, byMac.Subnet);
            return true;
        }

        if (_reservationSource is not null && request.HasEthernetAddress && _reservationSource.TryGetReservation(mac, out var address, out var hostName))
        {
            // A known machine without a fixed address draws from the pool but keeps its host name (option 12).
            var subnet = address.IsUnspecified ? null : FindSubnet(address);
            var name = hostName is null ? null : System.Text.Encoding.ASCII.GetBytes(hostName);
            reservation = address.IsUnspecified ? new Reservation(default, name, null) : subnet is null ? default : new Reservation(address, name, subnet);
            return true;
        }

        return _config.KnownMacs.Contains(mac);
    }

    /// <summary>Raises (at most every DiscoveredEventInterval per client) the "discovered" event for an unknown machine.</summary>
    private void NoteUnknownClient(in DhcpMessageReader request, InterfaceConfiguration iface, long now, bool answered)
    {
        // Only machines that network-boot (or any client, in known-clients-only mode) are worth a person's attention.
        var info = _client;
        if (answered && info.FirmwareKind == FirmwareKind.NotPxe)
        {
            return;
        }

        if (request.MessageType is not (DhcpMessageType.Discover or DhcpMessageType.Request or DhcpMessageType.Inform))
        {
            return;
        }

        var mac = request.ClientMacAddress;
        if (_discovered.TryGetValue(mac, out var seen) && now - seen.LastRaised < _config.DiscoveredIntervalMilliseconds)
        {
            return;
        }

        if (_discovered.Count >= 65_536)
        {
            _discovered.Clear();
        }

        var first = seen.FirstSeen == 0 ? now : seen.FirstSeen;
        _discovered[mac] = new DiscoveredClient(first, now);
        string? vendorClass = request.TryGetVendorClassIdentifier(out var vendor) ? System.Text.Encoding.ASCII.GetString(vendor) : null;
        ClientArchitecture? architecture = info.HasArchitecture ? info.Architecture : null;
        Ipv4Address? relay = request.IsRelayed ? request.GatewayAddress : null;
        Log.ClientDiscovered(_logger, mac, iface.Name, architecture?.ToString() ?? "-", vendorClass ?? "-", relay?.ToString() ?? "-", answered);
        if (_observers.Length == 0)
        {
            return;
        }

        var discovered = new DhcpClientDiscovered(
            mac, architecture, vendorClass, relay, iface.Name,
            DateTimeOffset.FromUnixTimeMilliseconds(first), DateTimeOffset.FromUnixTimeMilliseconds(now), answered);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnClientDiscovered(discovered);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Log.ObserverFailed(_logger, exception, observer.GetType().Name, nameof(IDhcpServerObserver.OnClientDiscovered));
            }
        }
    }

    private SubnetConfiguration? FindSubnet(Ipv4Address address)
    {
        foreach (var subnet in _config.Subnets)
        {
            if (subnet.Contains(address))
            {
                return subnet;
            }
        }

        return null;
    }

    private readonly record struct Reservation(Ipv4Address Address, byte[]? HostName, SubnetConfiguration? Subnet)
    {
        public bool AppliesTo(SubnetConfiguration subnet) => ReferenceEquals(Subnet, subnet) && !Address.IsUnspecified;

        /// <summary>The host name to send in <paramref name="subnet"/>: the reservation's, or a pool machine's anywhere.</summary>
        public byte[]? HostNameIn(SubnetConfiguration subnet) => AppliesTo(subnet) || Address.IsUnspecified ? HostName : null;
    }

    private readonly record struct DiscoveredClient(long FirstSeen, long LastRaised);
}
