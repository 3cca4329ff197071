using BareMetal.Dhcp6.Server.Boot;
using BareMetal.Dhcp6.Server.Configuration;
using BareMetal.Dhcp6.Server.Leases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BareMetal.Dhcp6.Server.Engine;

/// <summary>
/// The stateful DHCPv6 server (RFC 8415 §18.3) as a pure function of its state: message bytes and a context in, a
/// decision and the reply bytes out; no sockets, and time from a <see cref="TimeProvider"/>. Thread-safe: calls are
/// serialised on one lock, so several interface transports can share one engine and one lease store.
/// </summary>
public sealed partial class Dhcp6ServerEngine
{
    /// <summary>The port clients listen on (RFC 8415 §7.2).</summary>
    public const int ClientPort = 546;

    /// <summary>The port servers and relay agents listen on (RFC 8415 §7.2).</summary>
    public const int ServerPort = 547;

    private readonly Lock _gate = new();
    private readonly Dhcp6Configuration _config;
    private readonly IDhcp6LeaseStore _leases;
    private readonly TimeProvider _time;
    private readonly IDhcp6BootPolicy _bootPolicy;
    private readonly ILogger _logger;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">The options; validated here (an <see cref="ArgumentException"/> names every bad field and its fix).</param>
    /// <param name="leases">The lease store (not disposed by the engine).</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    /// <param name="bootPolicy">What boot clients load; <see cref="Dhcp6ArchitectureBootPolicy"/> over <c>options.Boot</c> when <c>null</c>.</param>
    /// <param name="logger">The logger.</param>
    public Dhcp6ServerEngine(Dhcp6ServerOptions options, IDhcp6LeaseStore leases, TimeProvider? timeProvider = null, IDhcp6BootPolicy? bootPolicy = null, ILogger<Dhcp6ServerEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(leases);
        if (!Dhcp6Configuration.TryCreate(options, out var config, out var errors))
        {
            throw new ArgumentException("Invalid DHCPv6 server options: " + string.Join(" ", errors), nameof(options));
        }

        _config = config!;
        _leases = leases;
        _time = timeProvider ?? TimeProvider.System;
        _bootPolicy = bootPolicy ?? new Dhcp6ArchitectureBootPolicy(options.Boot);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The lease store.</summary>
    public IDhcp6LeaseStore Leases => _leases;

    /// <summary>Forces saved lease changes to storage; call it before sending a reply whose <see cref="Dhcp6ProcessResult.RequiresFlush"/> is set.</summary>
    public void Flush()
    {
        // Under the engine's lock: the store is not thread-safe, and another transport may be saving a lease.
        lock (_gate)
        {
            _leases.Flush();
        }
    }

    /// <summary>The server's DUID, sent as Server Identifier (RFC 8415 §21.3).</summary>
    public ReadOnlySpan<byte> ServerDuid => _config.ServerDuid;

    /// <summary>
    /// Handles one message. The reply, if any, is written to <paramref name="reply"/> (1,232 bytes, the IPv6 minimum
    /// MTU less headers, suffice for the replies this engine writes; it must not overlap <paramref name="request"/>).
    /// Never throws on untrusted bytes.
    /// </summary>
    /// <param name="request">The UDP payload received.</param>
    /// <param name="context">Where it came from.</param>
    /// <param name="reply">The buffer for the reply.</param>
    /// <returns>The reply's length and destination, or the reason for ignoring the message.</returns>
    public Dhcp6ProcessResult Process(ReadOnlySpan<byte> request, in Dhcp6PacketContext context, Span<byte> reply)
    {
        if (!Dhcp6MessageReader.TryParse(request, out var message, out var error, out var offender))
        {
            Log.MalformedMessage(_logger, context.SourceAddress, request.Length, error, offender);
            return Dhcp6ProcessResult.Ignore(Dhcp6MessageType.None, Dhcp6IgnoreReason.Malformed);
        }

        Dhcp6ProcessResult result;
        lock (_gate)
        {
            result = ProcessParsed(message, context, reply);
        }

        if (!result.HasReply)
        {
            Log.MessageIgnored(_logger, context.SourceAddress, result.RequestType, result.IgnoreReason);
        }

        return result;
    }

    private Dhcp6ProcessResult ProcessParsed(Dhcp6MessageReader message, in Dhcp6PacketContext context, Span<byte> reply)
    {
        // RFC 8415 §19.1.1: the relay next to the client (the innermost) sets link-address to an address on the client's
        // link; outer relays may leave it unspecified. Only Relay-Forw is a client's message on its way in.
        var client = message;
        var relays = 0;
        Ipv6Address link = default;
        while (client.IsRelay)
        {
            if (client.MessageType != Dhcp6MessageType.RelayForward || !client.TryGetRelayMessage(out var inner))
            {
                return Dhcp6ProcessResult.Ignore(client.MessageType, Dhcp6IgnoreReason.NotAClientMessage);
            }

            if (!client.LinkAddress.IsUnspecified)
            {
                link = client.LinkAddress;
            }

            client = inner;
            relays++;
        }

        var type = client.MessageType;
        if (type is Dhcp6MessageType.Advertise or Dhcp6MessageType.Reply or Dhcp6MessageType.Reconfigure)
        {
            return Dhcp6ProcessResult.Ignore(type, Dhcp6IgnoreReason.NotAClientMessage);
        }

        if (type is not (Dhcp6MessageType.Solicit or Dhcp6MessageType.Request or Dhcp6MessageType.Confirm or Dhcp6MessageType.Renew
            or Dhcp6MessageType.Rebind or Dhcp6MessageType.Release or Dhcp6MessageType.Decline or Dhcp6MessageType.InformationRequest))
        {
            return Dhcp6ProcessResult.Ignore(type, Dhcp6IgnoreReason.UnsupportedMessageType);
        }

        var reason = CheckIdentifiers(client, type);
        if (reason != Dhcp6IgnoreReason.None)
        {
            return Dhcp6ProcessResult.Ignore(type, reason);
        }

        var subnet = relays > 0 ? FindSubnetByLink(link) : FindSubnetByInterface(context.InterfaceName);
        if (subnet is null)
        {
            return Dhcp6ProcessResult.Ignore(type, Dhcp6IgnoreReason.NoSubnet);
        }

        if (type == Dhcp6MessageType.Confirm && !HasAnyAddress(client))
        {
            return Dhcp6ProcessResult.Ignore(type, Dhcp6IgnoreReason.NothingToConfirm);
        }

        var writer = new Dhcp6MessageWriter(reply);
        if (!TryWriteRelayReplies(message, ref writer, out var scopes) || !TryWriteReply(client, message, subnet, ref writer, out var replyType))
        {
            return Dhcp6ProcessResult.Ignore(type, Dhcp6IgnoreReason.ReplyTooLarge);
        }

        // Close the Relay Message options from the innermost out.
        for (var i = relays - 1; i >= 0; i--)
        {
            if (!writer.TryEndOption(scopes[i]))
            {
                return Dhcp6ProcessResult.Ignore(type, Dhcp6IgnoreReason.ReplyTooLarge);
            }
        }

        // RFC 8415 §19.3: a reply to a relayed message goes back to the relay it came from, on the server port.
        // A Reply may commit, extend or end a lease; an Advertise's offer may be forgotten, so it never waits for the disk.
        var requiresFlush = replyType == Dhcp6MessageType.Reply && _leases.HasUnflushedChanges;
        return Dhcp6ProcessResult.Reply(type, replyType, writer.BytesWritten, context.SourceAddress, relays > 0 ? ServerPort : ClientPort, relays, requiresFlush);
    }

    /// <summary>RFC 8415 §16: which messages must, or must not, carry Client and Server Identifiers.</summary>
    private Dhcp6IgnoreReason CheckIdentifiers(Dhcp6MessageReader client, Dhcp6MessageType type)
    {
        if (type != Dhcp6MessageType.InformationRequest && !client.HasOption(Dhcp6OptionCode.ClientId))
        {
            return Dhcp6IgnoreReason.MissingClientId; // §16.2, §16.4-§16.9
        }

        var hasServerId = client.TryGetServerId(out var serverId);
        switch (type)
        {
            case Dhcp6MessageType.Solicit or Dhcp6MessageType.Confirm or Dhcp6MessageType.Rebind when hasServerId:
                return Dhcp6IgnoreReason.UnexpectedServerId; // §16.2, §16.5, §16.7
            case Dhcp6MessageType.Request or Dhcp6MessageType.Renew or Dhcp6MessageType.Decline or Dhcp6MessageType.Release when !hasServerId:
                return Dhcp6IgnoreReason.MissingServerId; // §16.4, §16.6, §16.8, §16.9
        }

        // §16.4, §16.6, §16.8, §16.9, §16.12: a Server Identifier that is not ours means another server is addressed.
        return hasServerId && !serverId.Bytes.SequenceEqual(_config.ServerDuid) ? Dhcp6IgnoreReason.OtherServer : Dhcp6IgnoreReason.None;
    }

    private Dhcp6Subnet? FindSubnetByLink(Ipv6Address link)
    {
        if (link.IsUnspecified)
        {
            return null;
        }

        foreach (var subnet in _config.Subnets)
        {
            if (subnet.Contains(link))
            {
                return subnet;
            }
        }

        return null;
    }

    private Dhcp6Subnet? FindSubnetByInterface(string? interfaceName)
    {
        foreach (var subnet in _config.Subnets)
        {
            if (subnet.InterfaceName is not null && string.Equals(subnet.InterfaceName, interfaceName, StringComparison.Ordinal))
            {
                return subnet;
            }
        }

        // One subnet and no interface names: a single-link server.
        return _config.Subnets is [{ InterfaceName: null } only] ? only : null;
    }

    private static bool HasAnyAddress(Dhcp6MessageReader client)
    {
        foreach (var option in client.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia) && ia.Kind is Dhcp6OptionCode.IaNa or Dhcp6OptionCode.IaTa)
            {
                foreach (var inner in ia.GetOptions())
                {
                    if (inner.TryReadIaAddress(out _))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>One Relay-Reply per Relay-Forw, outermost first, each echoing hop count, addresses and Interface-Id (RFC 8415 §19.3).</summary>
    private static bool TryWriteRelayReplies(Dhcp6MessageReader message, ref Dhcp6MessageWriter writer, out RelayScopes scopes)
    {
        scopes = default;
        var layer = message;
        var depth = 0;
        while (layer.IsRelay && layer.TryGetRelayMessage(out var inner))
        {
            if (!writer.TryWriteRelayHeader(Dhcp6MessageType.RelayReply, layer.HopCount, layer.LinkAddress, layer.PeerAddress)
                || !writer.TryEchoOption(layer, Dhcp6OptionCode.InterfaceId) // §19.3.1: copied from the Relay-Forw
                || !writer.TryBeginOption(Dhcp6OptionCode.RelayMessage, out scopes[depth]))
            {
                return false;
            }

            depth++;
            layer = inner;
        }

        return true;
    }

    /// <summary>The open Relay Message options of a reply: at most HOP_COUNT_LIMIT (RFC 8415 §7.6).</summary>
    [System.Runtime.CompilerServices.InlineArray(8)]
    private struct RelayScopes
    {
        private Dhcp6OptionScope _first;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "DHCPv6: malformed message from [{Source}] ({Length} bytes): {Error} at option {Option}")]
        public static partial void MalformedMessage(ILogger logger, Ipv6Address source, int length, Dhcp6ParseError error, Dhcp6OptionCode option);

        [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "DHCPv6: {Type} from [{Source}] ignored: {Reason}")]
        public static partial void MessageIgnored(ILogger logger, Ipv6Address source, Dhcp6MessageType type, Dhcp6IgnoreReason reason);
    }
}
