using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Observability;

namespace BareMetal.Dhcp.Server.Engine;

/// <summary>Full DHCP server (RFC 2131 §4.3): DISCOVER, REQUEST, DECLINE, RELEASE, INFORM.</summary>
public sealed partial class DhcpServerEngine
{
    /// <summary>
    /// The subnet the client is on: option 118 (RFC 3011), then the relay's link selection sub-option (RFC 3527 §3),
    /// then giaddr (RFC 2131 §4.3.1), then ciaddr for unicast renewals, then the receiving interface's subnet.
    /// </summary>
    private SubnetConfiguration? SelectSubnet(in DhcpMessageReader request, InterfaceConfiguration iface)
    {
        if (request.TryGetOption(DhcpOptionCode.SubnetSelection, out var selection) && selection.Length == 4)
        {
            return FindSubnet(Ipv4Address.Read(selection));
        }

        if (request.TryGetRelayAgentInformation(out var relay) && relay.TryGetLinkSelection(out var link))
        {
            return FindSubnet(link);
        }

        if (request.IsRelayed)
        {
            return FindSubnet(request.GatewayAddress);
        }

        if (!request.ClientAddress.IsUnspecified && FindSubnet(request.ClientAddress) is { } bySource)
        {
            return bySource;
        }

        return iface.Subnet;
    }

    /// <summary>RFC 2131 §4.3.1: choose an address and offer it.</summary>
    private DhcpProcessResult Discover(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, in DhcpClientKey client, in Reservation reservation, Span<byte> reply)
    {
        var subnet = SelectSubnet(request, iface);
        if (subnet is null)
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Discover, DhcpIgnoreReason.NoSubnet);
        }

        var now = context.NowUnixMilliseconds;
        var lease = _leases.FindByClient(client);
        var address = ChooseAddress(request, subnet, client, reservation, lease, now);
        if (address.IsUnspecified)
        {
            Log.PoolExhausted(_logger, subnet.Text, request.ClientMacAddress);
            return DhcpProcessResult.Ignore(DhcpMessageType.Discover, DhcpIgnoreReason.PoolExhausted);
        }

        // Hold the address for the offer; a bound lease the client still has stays bound (it may be rebooting).
        var offerExpires = now + _config.OfferTimeoutMilliseconds;
        if (lease is not null && lease.Address == address)
        {
            lease.MacAddress = request.ClientMacAddress;
            if (lease.State != DhcpLeaseState.Bound || lease.ExpiresAtUnixMilliseconds <= now)
            {
                lease.State = DhcpLeaseState.Offered;
                lease.ExpiresAtUnixMilliseconds = offerExpires;
            }
        }
        else
        {
            lease = new DhcpLease(client, address, request.ClientMacAddress, DhcpLeaseState.Offered, offerExpires);
        }

        _leases.Save(lease, durable: false);
        var result = WriteLeaseReply(request, iface, context, subnet, reservation, DhcpMessageType.Offer, address, reply, requiresFlush: false);
        if (result.HasReply)
        {
            Notify(static (o, e) => o.OnLeaseOffered(e), nameof(IDhcpServerObserver.OnLeaseOffered), lease, iface, request);
        }

        return result;
    }

    /// <summary>
    /// RFC 2131 §4.3.1 order of preference: the reservation; the client's current or previous address; the address it
    /// asks for (option 50); then the next free pool address.
    /// </summary>
    private Ipv4Address ChooseAddress(in DhcpMessageReader request, SubnetConfiguration subnet, in DhcpClientKey client, in Reservation reservation, DhcpLease? lease, long now)
    {
        if (reservation.AppliesTo(subnet))
        {
            if (HeldByAnother(reservation.Address, client, now) is not { } holder)
            {
                return reservation.Address;
            }

            // The reserved address is bound to another client (leased before the reservation existed). Handing it
            // out twice is never right: report it and lend the owner a pool address until the holder moves (the
            // holder is refused at its next renewal; the owner is moved to its reservation at its own).
            ReportReservationConflict(reservation.Address, request.ClientMacAddress, holder);
        }

        if (lease is not null && lease.State != DhcpLeaseState.Declined && IsAssignable(lease.Address, subnet, client, now))
        {
            return lease.Address;
        }

        if (request.TryGetRequestedIpAddress(out var requested) && IsAssignable(requested, subnet, client, now))
        {
            return requested;
        }

        // A rotating cursor spreads allocations over the pools and finds a free address in O(1) while any is
        // untouched; when the pools wrap, expired, released and timed-out offers are reused in order.
        var remaining = subnet.PoolSize;
        var cursor = subnet.Cursor;
        while (remaining-- > 0)
        {
            var candidate = new Ipv4Address(cursor);
            cursor = NextPoolAddress(subnet, cursor);
            if (IsAssignable(candidate, subnet, client, now))
            {
                subnet.Cursor = cursor;
                return candidate;
            }
        }

        return default;
    }

    private static uint NextPoolAddress(SubnetConfiguration subnet, uint address)
    {
        var pools = subnet.Pools;
        for (var i = 0; i < pools.Length; i++)
        {
            if (pools[i].Contains(address))
            {
                return address < pools[i].Last ? address + 1 : pools[(i + 1) % pools.Length].First;
            }
        }

        return pools.Length > 0 ? pools[0].First : address;
    }

    /// <summary>Whether <paramref name="address"/> may go to <paramref name="client"/>: in a pool, not reserved for another, not taken.</summary>
    private bool IsAssignable(Ipv4Address address, SubnetConfiguration subnet, in DhcpClientKey client, long now)
    {
        if (!subnet.InPool(address) || _serverAddresses.Contains(address) || subnet.Router == address)
        {
            return false;
        }

        if (IsReserved(address))
        {
            return false;
        }

        var holder = _leases.FindByAddress(address);
        return holder is null || holder.Client == client && holder.State != DhcpLeaseState.Declined || !holder.HoldsAddressAt(now);
    }

    /// <summary>Whether <paramref name="address"/> is reserved for a machine, in the configuration or by the reservation source.</summary>
    private bool IsReserved(Ipv4Address address) =>
        _config.ReservationsByAddress.ContainsKey(address) || _reservationSource?.IsReservedAddress(address) == true;

    /// <summary>The lease of another client that holds <paramref name="address"/> now, if any.</summary>
    private DhcpLease? HeldByAnother(Ipv4Address address, in DhcpClientKey client, long now) =>
        _leases.FindByAddress(address) is { } holder && holder.Client != client && holder.State == DhcpLeaseState.Bound && holder.HoldsAddressAt(now)
            ? holder
            : null;

    private void ReportReservationConflict(Ipv4Address address, MacAddress owner, DhcpLease holder)
    {
        Log.ReservationConflict(_logger, address, owner, holder.MacAddress);
        _metrics.ReservationConflict();
        var conflict = new DhcpReservationConflict(address, owner, holder.MacAddress, DateTimeOffset.FromUnixTimeMilliseconds(holder.ExpiresAtUnixMilliseconds));
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnReservationConflict(conflict);
            }
            catch (Exception exception)
            {
                Log.ObserverFailed(_logger, exception, observer.GetType().Name, nameof(IDhcpServerObserver.OnReservationConflict));
            }
        }
    }

    /// <summary>RFC 2131 §4.3.2: SELECTING, INIT-REBOOT, RENEWING and REBINDING requests.</summary>
    private DhcpProcessResult Request(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, in DhcpClientKey client, in Reservation reservation, Span<byte> reply)
    {
        var now = context.NowUnixMilliseconds;
        var lease = _leases.FindByClient(client);
        var subnet = SelectSubnet(request, iface);
        var hasRequested = request.TryGetRequestedIpAddress(out var requested);

        if (request.TryGetServerIdentifier(out var serverId))
        {
            // SELECTING: the client answers one OFFER; every other server drops its offer (RFC 2131 §4.3.2).
            if (serverId != iface.ServerAddress)
            {
                if (lease is { State: DhcpLeaseState.Offered })
                {
                    _leases.Remove(lease);
                }

                return DhcpProcessResult.Ignore(DhcpMessageType.Request, DhcpIgnoreReason.OtherServerSelected);
            }

            if (subnet is not null && hasRequested && lease is not null && lease.Address == requested
                && lease.State != DhcpLeaseState.Declined && subnet.Contains(requested))
            {
                return Acknowledge(request, iface, context, subnet, reservation, lease, reply);
            }

            return Nak(request, iface, context, reply);
        }

        var target = request.ClientAddress.IsUnspecified ? (hasRequested ? requested : default) : request.ClientAddress;
        if (target.IsUnspecified)
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Request, DhcpIgnoreReason.Malformed);
        }

        // INIT-REBOOT on the wrong network: the server MUST NAK (RFC 2131 §4.3.2).
        if (subnet is null || !subnet.Contains(target))
        {
            return subnet is null && !_config.Authoritative
                ? DhcpProcessResult.Ignore(DhcpMessageType.Request, DhcpIgnoreReason.NoSubnet)
                : Nak(request, iface, context, reply);
        }

        // INIT-REBOOT, RENEWING, REBINDING: confirm the client's own binding (RFC 2131 §4.3.2). A client with a
        // reservation is moved to it: a request for any other address is refused, unless another client still
        // holds the reserved address (then the owner keeps the address it was lent until the holder has moved).
        var hasReservation = reservation.AppliesTo(subnet);
        var ownsReserved = hasReservation && reservation.Address == target;
        var reservedHolder = hasReservation ? HeldByAnother(reservation.Address, client, now) : null;
        if (ownsReserved && reservedHolder is not null)
        {
            // Acknowledging would bind one address to two clients.
            ReportReservationConflict(target, request.ClientMacAddress, reservedHolder);
            return Nak(request, iface, context, reply);
        }

        if (lease is not null && lease.Address == target && lease.State != DhcpLeaseState.Declined
            && (ownsReserved || ((!hasReservation || reservedHolder is not null) && IsAssignable(target, subnet, client, now))))
        {
            return Acknowledge(request, iface, context, subnet, reservation, lease, reply);
        }

        if (ownsReserved)
        {
            var reserved = new DhcpLease(client, target, request.ClientMacAddress, DhcpLeaseState.Offered, now);
            return Acknowledge(request, iface, context, subnet, reservation, reserved, reply);
        }

        if (lease is not null && lease.Address == target && IsReserved(target))
        {
            // This client holds an address reserved for another machine and is now told to stop using it: forget its
            // binding, so the owner can be moved to its reservation at the owner's next renewal.
            _leases.Remove(lease);
        }

        return _config.Authoritative
            ? Nak(request, iface, context, reply)
            : DhcpProcessResult.Ignore(DhcpMessageType.Request, DhcpIgnoreReason.NotAuthoritative);
    }

    private DhcpProcessResult Acknowledge(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, SubnetConfiguration subnet, in Reservation reservation, DhcpLease lease, Span<byte> reply)
    {
        lease.State = DhcpLeaseState.Bound;
        lease.MacAddress = request.ClientMacAddress;
        lease.ExpiresAtUnixMilliseconds = context.NowUnixMilliseconds + (subnet.LeaseSeconds * 1000L);
        _leases.Save(lease, durable: true);
        var result = WriteLeaseReply(request, iface, context, subnet, reservation, DhcpMessageType.Ack, lease.Address, reply, requiresFlush: true);
        if (result.HasReply)
        {
            Notify(static (o, e) => o.OnLeaseAcknowledged(e), nameof(IDhcpServerObserver.OnLeaseAcknowledged), lease, iface, request);
        }

        return result;
    }

    /// <summary>RFC 2131 §4.3.3: the client found the address in use; quarantine it and forget the binding.</summary>
    private DhcpProcessResult Decline(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, in DhcpClientKey client)
    {
        if (request.TryGetServerIdentifier(out var serverId) && serverId != iface.ServerAddress)
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Decline, DhcpIgnoreReason.OtherServerSelected);
        }

        var lease = _leases.FindByClient(client);
        if (lease is null || !request.TryGetRequestedIpAddress(out var address) || lease.Address != address)
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Decline, DhcpIgnoreReason.NoMatchingLease);
        }

        var quarantined = new DhcpLease(default, address, request.ClientMacAddress, DhcpLeaseState.Declined, context.NowUnixMilliseconds + _config.DeclineQuarantineMilliseconds);
        _leases.Remove(lease);
        _leases.Save(quarantined, durable: true);
        Notify(static (o, e) => o.OnLeaseReleased(e), nameof(IDhcpServerObserver.OnLeaseReleased), quarantined, iface, request);
        return DhcpProcessResult.Ignore(DhcpMessageType.Decline, DhcpIgnoreReason.NoReplyExpected);
    }

    /// <summary>RFC 2131 §4.3.4: the client gives its address back; it stays associated so the client may get it again.</summary>
    private DhcpProcessResult Release(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, in DhcpClientKey client)
    {
        var lease = _leases.FindByClient(client);
        if (lease is null || lease.Address != request.ClientAddress || lease.State != DhcpLeaseState.Bound
            || request.TryGetServerIdentifier(out var serverId) && serverId != iface.ServerAddress)
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Release, DhcpIgnoreReason.NoMatchingLease);
        }

        lease.State = DhcpLeaseState.Released;
        lease.ExpiresAtUnixMilliseconds = context.NowUnixMilliseconds;
        _leases.Save(lease, durable: true);
        Notify(static (o, e) => o.OnLeaseReleased(e), nameof(IDhcpServerObserver.OnLeaseReleased), lease, iface, request);
        return DhcpProcessResult.Ignore(DhcpMessageType.Release, DhcpIgnoreReason.NoReplyExpected);
    }

    /// <summary>RFC 2131 §4.3.5: configuration only, for a client that already has an address; no lease, no yiaddr.</summary>
    private DhcpProcessResult Inform(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, Span<byte> reply)
    {
        var subnet = request.IsRelayed ? SelectSubnet(request, iface) : FindSubnet(request.ClientAddress) ?? iface.Subnet;
        if (subnet is null || request.ClientAddress.IsUnspecified)
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Inform, DhcpIgnoreReason.NoSubnet);
        }

        var writer = new DhcpMessageWriter(reply);
        if (!writer.TryStartReply(request, DhcpMessageType.Ack, iface.ServerAddress)
            || !TryAddSubnetOptions(ref writer, subnet, default, leaseTime: false)
            || TryAddBootOptions(ref writer, request, iface, request.ClientAddress) == BootOutcome.TooLarge
            || !writer.TryComplete(out var length))
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Inform, DhcpIgnoreReason.ReplyTooLarge);
        }

        // §4.3.5: the ACK goes straight to ciaddr (or through the relay).
        var (destination, port) = request.IsRelayed ? (request.GatewayAddress, iface.ServerPort) : (request.ClientAddress, iface.ClientPort);
        return DhcpProcessResult.Reply(DhcpMessageType.Inform, DhcpMessageType.Ack, length, destination, port, requiresFlush: false);
    }

    private static DhcpProcessResult Nak(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, Span<byte> reply)
    {
        var writer = new DhcpMessageWriter(reply);
        if (!writer.TryStartReply(request, DhcpMessageType.Nak, iface.ServerAddress))
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Request, DhcpIgnoreReason.ReplyTooLarge);
        }

        // RFC 2131 §4.3.2 / §4.1: a NAK through a relay sets the broadcast bit so the relay broadcasts it.
        if (request.IsRelayed)
        {
            writer.Flags |= 0x8000;
        }

        _ = writer.TryAddAsciiOption(DhcpOptionCode.Message, "requested address is not valid here");
        if (!writer.TryComplete(out var length))
        {
            return DhcpProcessResult.Ignore(DhcpMessageType.Request, DhcpIgnoreReason.ReplyTooLarge);
        }

        // §4.1: NAKs are broadcast unless relayed.
        var (destination, port) = request.IsRelayed ? (request.GatewayAddress, iface.ServerPort) : (Ipv4Address.Broadcast, iface.ClientPort);
        return DhcpProcessResult.Reply(DhcpMessageType.Request, DhcpMessageType.Nak, length, destination, port, requiresFlush: false);
    }

    private void Notify(Action<IDhcpServerObserver, DhcpLeaseEvent> callback, string callbackName, DhcpLease lease, InterfaceConfiguration iface, in DhcpMessageReader request)
    {
        if (_observers.Length == 0)
        {
            return;
        }

        var e = new DhcpLeaseEvent(
            request.ClientMacAddress, lease.Address, lease.State, DateTimeOffset.FromUnixTimeMilliseconds(lease.ExpiresAtUnixMilliseconds),
            iface.Name, request.IsRelayed ? request.GatewayAddress : null);
        foreach (var observer in _observers)
        {
            try
            {
                callback(observer, e);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Log.ObserverFailed(_logger, exception, observer.GetType().Name, callbackName);
            }
        }
    }
}
