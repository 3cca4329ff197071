using System.Text;
using BareMetal.Dhcp.Server.Boot;
using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Observability;

namespace BareMetal.Dhcp.Server.Engine;

/// <summary>Building replies: lease options, subnet options, boot options and the destination rules of RFC 2131 §4.1.</summary>
public sealed partial class DhcpServerEngine
{
    private enum BootOutcome
    {
        NotBootClient,
        Declined,
        Added,
        TooLarge,
    }

    private DhcpProcessResult WriteLeaseReply(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, SubnetConfiguration subnet, in Reservation reservation, DhcpMessageType type, Ipv4Address address, Span<byte> reply, bool requiresFlush)
    {
        var writer = new DhcpMessageWriter(reply);
        if (!writer.TryStartReply(request, type, iface.ServerAddress))
        {
            return DhcpProcessResult.Ignore(request.MessageType, DhcpIgnoreReason.ReplyTooLarge);
        }

        writer.YourAddress = address;
        var hostName = reservation.HostNameIn(subnet);
        if (!TryAddSubnetOptions(ref writer, subnet, hostName, leaseTime: true)
            || TryAddBootOptions(ref writer, request, iface, address) == BootOutcome.TooLarge
            || !writer.TryComplete(out var length))
        {
            return DhcpProcessResult.Ignore(request.MessageType, DhcpIgnoreReason.ReplyTooLarge);
        }

        var (destination, port) = Destination(request, iface);
        return DhcpProcessResult.Reply(request.MessageType, type, length, destination, port, requiresFlush);
    }

    /// <summary>
    /// RFC 2131 §4.1: through the relay (giaddr, server port) when relayed; to ciaddr when the client has an address;
    /// else broadcast, since a client without an address cannot answer ARP (the broadcast flag only says it cannot
    /// receive unicast either; without a raw socket broadcast is the one delivery that always works).
    /// </summary>
    private static (Ipv4Address Destination, int Port) Destination(in DhcpMessageReader request, InterfaceConfiguration iface)
    {
        if (request.IsRelayed)
        {
            return (request.GatewayAddress, iface.ServerPort);
        }

        return request.ClientAddress.IsUnspecified
            ? (Ipv4Address.Broadcast, iface.ClientPort)
            : (request.ClientAddress, iface.ClientPort);
    }

    /// <summary>Lease times (RFC 2132 §9.2, §9.11, §9.12; T1 = 0.5 and T2 = 0.875 of the lease, RFC 2131 §4.4.5) and the subnet's options.</summary>
    private static bool TryAddSubnetOptions(ref DhcpMessageWriter writer, SubnetConfiguration subnet, byte[]? hostName, bool leaseTime)
    {
        if (leaseTime
            && (!writer.TryAddUInt32Option(DhcpOptionCode.IpAddressLeaseTime, subnet.LeaseSeconds)
                || !writer.TryAddUInt32Option(DhcpOptionCode.RenewalTime, subnet.LeaseSeconds / 2)
                || !writer.TryAddUInt32Option(DhcpOptionCode.RebindingTime, (uint)(subnet.LeaseSeconds * 7UL / 8))))
        {
            return false;
        }

        if (!writer.TryAddAddressOption(DhcpOptionCode.SubnetMask, new Ipv4Address(subnet.Mask))
            || !writer.TryAddAddressOption(DhcpOptionCode.BroadcastAddress, subnet.BroadcastAddress))
        {
            return false;
        }

        if (subnet.Router is { } router && !writer.TryAddAddressOption(DhcpOptionCode.Router, router))
        {
            return false;
        }

        if (subnet.DnsServers.Length > 0 && !writer.TryAddAddressesOption(DhcpOptionCode.DomainNameServer, subnet.DnsServers))
        {
            return false;
        }

        if (subnet.DomainName is { } domain && !writer.TryAddOption(DhcpOptionCode.DomainName, domain))
        {
            return false;
        }

        // RFC 2132 §5.1, §8.3; RFC 3397 §2; RFC 3442 §2 (encoded once at start, see SubnetOptionEncoding).
        if ((subnet.Mtu is { } mtu && !writer.TryAddUInt16Option(DhcpOptionCode.InterfaceMtu, mtu))
            || (subnet.NtpServers.Length > 0 && !writer.TryAddAddressesOption(DhcpOptionCode.NtpServers, subnet.NtpServers))
            || (subnet.DomainSearch is { } search && !writer.TryAddOption(DhcpOptionCode.DomainSearch, search))
            || (subnet.ClasslessRoutes is { } routes && !writer.TryAddOption(DhcpOptionCode.ClasslessStaticRoute, routes)))
        {
            return false;
        }

        return hostName is null || writer.TryAddOption(DhcpOptionCode.HostName, hostName);
    }

    /// <summary>
    /// Asks the boot policy and writes its answer: siaddr (next-server), the file name or URL in <c>file</c> and
    /// option 67, option 60 <c>HTTPClient</c> for UEFI HTTP boot (UEFI 2.x §24.7.3), and in proxy mode option 60
    /// <c>PXEClient</c>, option 97 echoed and, for BIOS PXE, option 43 "use the boot file from this reply" (PXE 2.1
    /// §2.4.5). UEFI PXE gets no option 43 in proxy mode: EDK2 then asks the boot server on port 4011.
    /// </summary>
    private BootOutcome TryAddBootOptions(ref DhcpMessageWriter writer, in DhcpMessageReader request, InterfaceConfiguration iface, Ipv4Address clientAddress)
    {
        ref readonly var info = ref _client;
        var isBootRequest = info.IsBootRequest || (request.MessageType == DhcpMessageType.Inform && info.FirmwareKind != FirmwareKind.NotPxe);
        if (!isBootRequest)
        {
            return BootOutcome.NotBootClient;
        }

        BootDecision decision;
        try
        {
            decision = _bootPolicy.Decide(new BootRequest(info, iface.ServerAddress, clientAddress, request.GatewayAddress, iface.Name, iface.Mode));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.ObserverFailed(_logger, exception, _bootPolicy.GetType().Name, nameof(IBootPolicy.Decide));
            return BootOutcome.Declined;
        }

        if (!decision.Boots || decision.FileNameOrUrl is null || !Ascii.IsValid(decision.FileNameOrUrl) || decision.FileNameOrUrl.Length > 255)
        {
            return BootOutcome.Declined;
        }

        var nextServer = !decision.NextServer.IsUnspecified ? decision.NextServer : _config.TftpServer ?? iface.ServerAddress;
        writer.ServerAddress = nextServer;
        Span<byte> name = stackalloc byte[decision.FileNameOrUrl.Length];
        Ascii.FromUtf16(decision.FileNameOrUrl, name, out _);

        // The file field holds 127 bytes and a NUL (RFC 2131 §2); option 67 carries longer URLs (RFC 2132 §9.5).
        _ = writer.TrySetBootFileName(name);
        if (!writer.TryAddOption(DhcpOptionCode.BootFileName, name))
        {
            return BootOutcome.TooLarge;
        }

        var proxy = iface.Mode == DhcpServerMode.Proxy;
        if (info.FirmwareKind == FirmwareKind.UefiHttp)
        {
            if (!writer.TryAddOption(DhcpOptionCode.VendorClassIdentifier, "HTTPClient"u8))
            {
                return BootOutcome.TooLarge;
            }
        }
        else if (proxy)
        {
            if (!writer.TryAddOption(DhcpOptionCode.VendorClassIdentifier, "PXEClient"u8)
                || (info.FirmwareKind == FirmwareKind.LegacyPxe && !info.IsUefi && !writer.TryAddPxeDiscoveryControl(PxeDiscoveryControl.UseBootFileFromReply)))
            {
                return BootOutcome.TooLarge;
            }
        }

        if (proxy && !writer.TryEchoOption(request, DhcpOptionCode.ClientMachineIdentifier))
        {
            return BootOutcome.TooLarge;
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnBootOffered(info, decision);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Log.ObserverFailed(_logger, exception, observer.GetType().Name, nameof(IDhcpServerObserver.OnBootOffered));
            }
        }

        return BootOutcome.Added;
    }
}
