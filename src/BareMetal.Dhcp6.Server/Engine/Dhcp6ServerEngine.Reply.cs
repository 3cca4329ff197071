using BareMetal.Dhcp6.Server.Configuration;
using BareMetal.Dhcp6.Server.Leases;

namespace BareMetal.Dhcp6.Server.Engine;

public sealed partial class Dhcp6ServerEngine
{
    /// <summary>Writes the Advertise or Reply for the client's message (RFC 8415 §18.3).</summary>
    private bool TryWriteReply(Dhcp6MessageReader client, Dhcp6MessageReader received, Dhcp6Subnet subnet, ref Dhcp6MessageWriter writer, out Dhcp6MessageType replyType)
    {
        var type = client.MessageType;

        // §18.3.1: a Solicit with Rapid Commit gets a Reply (and committed leases) when the server allows it.
        var rapidCommit = type == Dhcp6MessageType.Solicit && client.HasRapidCommit && _config.Options.AllowRapidCommit;
        replyType = type == Dhcp6MessageType.Solicit && !rapidCommit ? Dhcp6MessageType.Advertise : Dhcp6MessageType.Reply;

        // §18.3.9/§18.3.10: transaction id copied, Server Identifier, Client Identifier echoed.
        if (!writer.TryWriteHeader(replyType, client.TransactionId)
            || !writer.TryAddOption(Dhcp6OptionCode.ServerId, _config.ServerDuid)
            || !writer.TryEchoOption(client, Dhcp6OptionCode.ClientId)
            || (rapidCommit && !writer.TryAddEmptyOption(Dhcp6OptionCode.RapidCommit))
            || (replyType == Dhcp6MessageType.Advertise && _config.Options.Preference is { } preference
                && !writer.TryAddByteOption(Dhcp6OptionCode.Preference, preference)))
        {
            return false;
        }

        var info = Dhcp6BootClassifier.Classify(received);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        client.TryGetClientId(out var duid);
        var ok = type switch
        {
            Dhcp6MessageType.Solicit or Dhcp6MessageType.Request or Dhcp6MessageType.Renew or Dhcp6MessageType.Rebind =>
                TryWriteAssignments(client, duid, info.MacAddress, subnet, commit: type != Dhcp6MessageType.Solicit || rapidCommit, now, ref writer),
            Dhcp6MessageType.Confirm => TryWriteConfirm(client, subnet, ref writer),
            Dhcp6MessageType.Release or Dhcp6MessageType.Decline => TryWriteReleaseOrDecline(client, duid, type == Dhcp6MessageType.Decline, now, ref writer),
            _ => true, // Information-Request (§18.3.6): configuration options only
        };

        return ok && (type is Dhcp6MessageType.Confirm or Dhcp6MessageType.Release or Dhcp6MessageType.Decline
            || TryWriteConfiguration(client, info, subnet, ref writer));
    }

    /// <summary>IA_NA leases for Solicit, Request, Renew and Rebind; IA_TA and IA_PD are answered as unavailable.</summary>
    private bool TryWriteAssignments(Dhcp6MessageReader client, Dhcp6Duid duid, MacAddress? mac, Dhcp6Subnet subnet, bool commit, long now, ref Dhcp6MessageWriter writer)
    {
        var type = client.MessageType;
        foreach (var option in client.GetOptions())
        {
            if (!option.TryReadIdentityAssociation(out var ia))
            {
                continue;
            }

            bool ok;
            if (ia.Kind == Dhcp6OptionCode.IaNa)
            {
                ok = TryWriteIaNa(ia, type, duid, mac, subnet, commit, now, ref writer);
            }
            else if (ia.Kind == Dhcp6OptionCode.IaTa)
            {
                // This server assigns no temporary addresses (RFC 8415 §21.5); the IA says so (§18.3.2).
                ok = writer.TryBeginTemporaryAssociation(ia.Iaid, out var scope)
                    && writer.TryAddStatusCode(Dhcp6StatusCode.NoAddrsAvail, "no temporary addresses here")
                    && writer.TryEndOption(scope);
            }
            else
            {
                // No prefix delegation (RFC 8415 §18.3.9: NoPrefixAvail inside the IA_PD).
                ok = writer.TryBeginIdentityAssociation(Dhcp6OptionCode.IaPd, ia.Iaid, 0, 0, out var scope)
                    && writer.TryAddStatusCode(Dhcp6StatusCode.NoPrefixAvail, "no prefix delegation here")
                    && writer.TryEndOption(scope);
            }

            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private bool TryWriteIaNa(Dhcp6IdentityAssociation ia, Dhcp6MessageType type, Dhcp6Duid duid, MacAddress? mac, Dhcp6Subnet subnet, bool commit, long now, ref Dhcp6MessageWriter writer)
    {
        var key = Dhcp6LeaseKey.From(duid.Bytes, ia.Iaid);
        var hasLease = _leases.TryGetByClient(key, out var lease) && lease!.State != Dhcp6LeaseState.Declined && subnet.Contains(lease.Address);

        Ipv6Address address = default;
        var assign = false;
        var status = Dhcp6StatusCode.Success;
        if (type is Dhcp6MessageType.Renew or Dhcp6MessageType.Rebind && hasLease && HoldsAddress(lease!, now))
        {
            // §18.3.4/§18.3.5: the binding is found, its lifetimes are extended.
            address = lease!.Address;
            assign = true;
        }
        else if (type == Dhcp6MessageType.Renew)
        {
            status = Dhcp6StatusCode.NoBinding; // §18.3.4: no binding for this IA
        }
        else
        {
            // Solicit, Request (§18.3.1, §18.3.2), and a Rebind this server has no binding for but may take over (§18.3.5).
            assign = TryChooseAddress(key, ia, mac, subnet, now, type == Dhcp6MessageType.Rebind, out address);
            status = assign ? Dhcp6StatusCode.Success : type == Dhcp6MessageType.Rebind ? Dhcp6StatusCode.NoBinding : Dhcp6StatusCode.NoAddrsAvail;
        }

        // A Solicit from a client that already holds this address bound must not turn its lease back into an offer.
        var alreadyBound = hasLease && lease!.State == Dhcp6LeaseState.Bound && lease.Address == address && lease.IsActive(now);
        if (assign && (commit || !alreadyBound))
        {
            var until = commit ? now + (subnet.ValidLifetime * 1000L) : now + (_config.Options.OfferHoldSeconds * 1000L);
            _leases.Save(new Dhcp6Lease(key, address, commit ? Dhcp6LeaseState.Bound : Dhcp6LeaseState.Offered, until, mac));
        }

        if (!writer.TryBeginIdentityAssociation(Dhcp6OptionCode.IaNa, ia.Iaid, assign ? subnet.RenewTime : 0, assign ? subnet.RebindTime : 0, out var scope))
        {
            return false;
        }

        if (assign && !writer.TryAddIaAddress(address, subnet.PreferredLifetime, subnet.ValidLifetime))
        {
            return false;
        }

        // §18.3.4/§18.3.5: addresses the client holds that are not (or no longer) its own here get lifetimes of 0.
        if (type is Dhcp6MessageType.Renew or Dhcp6MessageType.Rebind or Dhcp6MessageType.Request)
        {
            foreach (var inner in ia.GetOptions())
            {
                if (inner.TryReadIaAddress(out var held) && (!assign || held.Address != address)
                    && (type != Dhcp6MessageType.Request || !subnet.Contains(held.Address))
                    && !writer.TryAddIaAddress(held.Address, 0, 0))
                {
                    return false;
                }
            }
        }

        if (status != Dhcp6StatusCode.Success && !writer.TryAddStatusCode(status, StatusText(status)))
        {
            return false;
        }

        return writer.TryEndOption(scope);
    }

    /// <summary>Reservation, then the client's own lease, then the address it asks for, then the next free one.</summary>
    private bool TryChooseAddress(Dhcp6LeaseKey key, Dhcp6IdentityAssociation ia, MacAddress? mac, Dhcp6Subnet subnet, long now, bool rebind, out Ipv6Address address)
    {
        if ((_config.ReservationsByDuid.TryGetValue(key.Duid, out address) || (mac is { } m && _config.ReservationsByMac.TryGetValue(m, out address)))
            && subnet.Contains(address))
        {
            return true;
        }

        if (_leases.TryGetByClient(key, out var lease) && lease!.State != Dhcp6LeaseState.Declined && subnet.Contains(lease.Address)
            && !_config.ReservedAddresses.Contains(lease.Address))
        {
            address = lease.Address;
            return true;
        }

        foreach (var inner in ia.GetOptions())
        {
            // §18.3.2: the client may name addresses it prefers; they are honoured when free and in the range.
            if (inner.TryReadIaAddress(out var hint) && subnet.InRange(hint.Address) && IsFree(hint.Address, key, now))
            {
                address = hint.Address;
                return true;
            }
        }

        if (rebind)
        {
            address = default;
            return false; // §18.3.5: no binding, and no address it holds can be confirmed: NoBinding.
        }

        return TryNextFree(key, subnet, now, out address);
    }

    /// <summary>Scans the range from the subnet's cursor, at most 65,536 addresses per request (a /64 range is never scanned whole).</summary>
    private bool TryNextFree(Dhcp6LeaseKey key, Dhcp6Subnet subnet, long now, out Ipv6Address address)
    {
        var size = subnet.RangeLast.Low - subnet.RangeFirst.Low;
        var steps = size >= 65_535 ? 65_536UL : size + 1;
        var low = subnet.NextLow;
        for (var i = 0UL; i < steps; i++)
        {
            if (low < subnet.RangeFirst.Low || low > subnet.RangeLast.Low)
            {
                low = subnet.RangeFirst.Low;
            }

            var candidate = new Ipv6Address(subnet.RangeFirst.High, low);
            low = low == subnet.RangeLast.Low ? subnet.RangeFirst.Low : low + 1;
            if (IsFree(candidate, key, now))
            {
                subnet.NextLow = low;
                address = candidate;
                return true;
            }
        }

        address = default;
        return false;
    }

    private bool IsFree(Ipv6Address address, Dhcp6LeaseKey key, long now) =>
        !_config.ReservedAddresses.Contains(address)
        && (!_leases.TryGetByAddress(address, out var holder) || holder!.Key == key || !holder.IsActive(now));

    /// <summary>Whether the lease still owns its address (not taken by another client after it expired).</summary>
    private bool HoldsAddress(Dhcp6Lease lease, long now) =>
        lease.IsActive(now) || (_leases.TryGetByAddress(lease.Address, out var holder) && holder!.Key == lease.Key);

    /// <summary>§18.3.3: Success when every address is on the link, NotOnLink otherwise.</summary>
    private static bool TryWriteConfirm(Dhcp6MessageReader client, Dhcp6Subnet subnet, ref Dhcp6MessageWriter writer)
    {
        foreach (var option in client.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia))
            {
                foreach (var inner in ia.GetOptions())
                {
                    if (inner.TryReadIaAddress(out var address) && !subnet.Contains(address.Address))
                    {
                        return writer.TryAddStatusCode(Dhcp6StatusCode.NotOnLink, "an address is not on this link");
                    }
                }
            }
        }

        return writer.TryAddStatusCode(Dhcp6StatusCode.Success, "all addresses on link");
    }

    /// <summary>§18.3.7/§18.3.8: bindings removed (declined addresses parked); NoBinding for IAs this server does not know.</summary>
    private bool TryWriteReleaseOrDecline(Dhcp6MessageReader client, Dhcp6Duid duid, bool decline, long now, ref Dhcp6MessageWriter writer)
    {
        foreach (var option in client.GetOptions())
        {
            if (!option.TryReadIdentityAssociation(out var ia) || ia.Kind != Dhcp6OptionCode.IaNa)
            {
                continue;
            }

            var key = Dhcp6LeaseKey.From(duid.Bytes, ia.Iaid);
            var known = false;
            if (_leases.TryGetByClient(key, out var lease) && lease!.State != Dhcp6LeaseState.Declined)
            {
                foreach (var inner in ia.GetOptions())
                {
                    known |= inner.TryReadIaAddress(out var address) && address.Address == lease.Address;
                }
            }

            if (known)
            {
                _leases.Remove(key);
                if (decline)
                {
                    _leases.Save(new Dhcp6Lease(Dhcp6LeaseKey.Declined(lease!.Address), lease.Address, Dhcp6LeaseState.Declined, now + (_config.Options.DeclineHoldSeconds * 1000L), lease.MacAddress));
                }

                continue;
            }

            if (!writer.TryBeginIdentityAssociation(Dhcp6OptionCode.IaNa, ia.Iaid, 0, 0, out var scope)
                || !writer.TryAddStatusCode(Dhcp6StatusCode.NoBinding, "no binding for this IA")
                || !writer.TryEndOption(scope))
            {
                return false;
            }
        }

        return writer.TryAddStatusCode(Dhcp6StatusCode.Success, decline ? "declined" : "released");
    }

    /// <summary>DNS (RFC 3646) when the ORO asks, and the boot policy's Boot File URL for boot clients (RFC 5970).</summary>
    private bool TryWriteConfiguration(Dhcp6MessageReader client, in Dhcp6BootClientInfo info, Dhcp6Subnet subnet, ref Dhcp6MessageWriter writer)
    {
        if (subnet.DnsServers.Length > 0 && client.IsOptionRequested(Dhcp6OptionCode.DnsServers)
            && !writer.TryAddAddresses(Dhcp6OptionCode.DnsServers, subnet.DnsServers))
        {
            return false;
        }

        if (subnet.DomainSearchList.Length > 0 && client.IsOptionRequested(Dhcp6OptionCode.DomainSearchList)
            && !writer.TryAddOption(Dhcp6OptionCode.DomainSearchList, subnet.DomainSearchList))
        {
            return false;
        }

        if (!info.IsBootRequest || _bootPolicy.ChooseBootFileUrl(info, subnet.ServerAddress) is not { } url)
        {
            return true;
        }

        // UEFI HTTP boot takes an offer as an HTTP boot offer only when the vendor class says HTTPClient (UEFI 2.x §24.7.2).
        return writer.TryAddAsciiOption(Dhcp6OptionCode.BootFileUrl, url)
            && (!info.IsHttpBoot || info.IsIpxe || writer.TryAddVendorClass(Dhcp6BootClassifier.IntelEnterpriseNumber, "HTTPClient"u8));
    }

    private static string StatusText(Dhcp6StatusCode status) => status switch
    {
        Dhcp6StatusCode.NoAddrsAvail => "no addresses available",
        Dhcp6StatusCode.NoBinding => "no binding for this IA",
        _ => "",
    };
}
