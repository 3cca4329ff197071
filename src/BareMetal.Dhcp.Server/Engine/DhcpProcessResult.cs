namespace BareMetal.Dhcp.Server.Engine;

/// <summary>The engine's decision on one packet: a reply (bytes in the caller's buffer, and where to send them) or a reason to ignore it.</summary>
public readonly struct DhcpProcessResult
{
    private DhcpProcessResult(DhcpMessageType requestType, DhcpMessageType replyType, int replyLength, Ipv4Address destination, int destinationPort, bool requiresFlush, DhcpIgnoreReason ignoreReason)
    {
        RequestType = requestType;
        ReplyType = replyType;
        ReplyLength = replyLength;
        Destination = destination;
        DestinationPort = destinationPort;
        RequiresFlush = requiresFlush;
        IgnoreReason = ignoreReason;
    }

    /// <summary>The request's message type (option 53), <see cref="DhcpMessageType.None"/> when unparseable.</summary>
    public DhcpMessageType RequestType { get; }

    /// <summary>The reply's message type, <see cref="DhcpMessageType.None"/> when there is no reply.</summary>
    public DhcpMessageType ReplyType { get; }

    /// <summary>The reply's length in the caller's buffer; 0 when there is no reply.</summary>
    public int ReplyLength { get; }

    /// <summary>Where to send the reply: a relay, the client's address, or 255.255.255.255 (RFC 2131 §4.1).</summary>
    public Ipv4Address Destination { get; }

    /// <summary>The UDP port to send the reply to.</summary>
    public int DestinationPort { get; }

    /// <summary>The reply acknowledges a lease: send it only after the lease store's <c>Flush</c>.</summary>
    public bool RequiresFlush { get; }

    /// <summary>Why there is no reply, or <see cref="DhcpIgnoreReason.None"/>.</summary>
    public DhcpIgnoreReason IgnoreReason { get; }

    /// <summary>Whether there is a reply to send.</summary>
    public bool HasReply => ReplyLength > 0;

    internal static DhcpProcessResult Reply(DhcpMessageType requestType, DhcpMessageType replyType, int length, Ipv4Address destination, int port, bool requiresFlush) =>
        new(requestType, replyType, length, destination, port, requiresFlush, DhcpIgnoreReason.None);

    internal static DhcpProcessResult Ignore(DhcpMessageType requestType, DhcpIgnoreReason reason) =>
        new(requestType, DhcpMessageType.None, 0, default, 0, false, reason);

    /// <inheritdoc/>
    public override string ToString() => HasReply ? $"{ReplyType} to {Destination}:{DestinationPort} ({ReplyLength} bytes)" : $"ignored {RequestType}: {IgnoreReason}";
}
