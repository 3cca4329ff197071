using BareMetal.Dhcp.Server.Configuration;

namespace BareMetal.Dhcp.Server.Engine;

/// <summary>
/// proxyDHCP (PXE 2.1 §2.2.5 and §2.4): another server hands out addresses; this one answers PXE DISCOVERs on port 67
/// with an OFFER that carries boot options and no address, and boot server REQUESTs on port 4011 with an ACK.
/// </summary>
public sealed partial class DhcpServerEngine
{
    private DhcpProcessResult ProcessProxy(in DhcpMessageReader request, InterfaceConfiguration iface, in DhcpPacketContext context, Span<byte> reply)
    {
        var type = request.MessageType;
        var bootServer = context.BootServerPort;

        // Port 67 answers DISCOVER only (the address server answers the REQUEST); port 4011 answers the REQUEST
        // (and INFORM, which some firmware sends) from a client that already has its address.
        var expected = bootServer ? type is DhcpMessageType.Request or DhcpMessageType.Inform : type == DhcpMessageType.Discover;
        if (!expected)
        {
            return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.NotForProxy);
        }

        var info = _client;
        if (info.FirmwareKind == FirmwareKind.NotPxe)
        {
            return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.NotBootClient);
        }

        var replyType = bootServer ? DhcpMessageType.Ack : DhcpMessageType.Offer;
        var writer = new DhcpMessageWriter(reply);
        if (!writer.TryStartReply(request, replyType, iface.ServerAddress))
        {
            return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.ReplyTooLarge);
        }

        switch (TryAddBootOptions(ref writer, request, iface, request.ClientAddress))
        {
            case BootOutcome.NotBootClient:
                return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.NotBootClient);
            case BootOutcome.Declined:
                return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.BootDeclinedByPolicy);
            case BootOutcome.TooLarge:
                return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.ReplyTooLarge);
        }

        if (!writer.TryComplete(out var length))
        {
            return DhcpProcessResult.Ignore(type, DhcpIgnoreReason.ReplyTooLarge);
        }

        if (bootServer)
        {
            // PXE 2.1 §2.2.6: the boot server replies to the client's address and port.
            var destination = context.SourceAddress.IsUnspecified ? Ipv4Address.Broadcast : context.SourceAddress;
            var port = context.SourcePort > 0 ? context.SourcePort : iface.ClientPort;
            return DhcpProcessResult.Reply(type, replyType, length, destination, port, requiresFlush: false);
        }

        var (to, toPort) = Destination(request, iface);
        return DhcpProcessResult.Reply(type, replyType, length, to, toPort, requiresFlush: false);
    }
}
