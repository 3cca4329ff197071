namespace BareMetal.Dhcp6.Server.Engine;

/// <summary>The engine's decision on one message: a reply (bytes in the caller's buffer, and where to send them) or why not.</summary>
public readonly struct Dhcp6ProcessResult
{
    private Dhcp6ProcessResult(Dhcp6MessageType requestType, Dhcp6MessageType replyType, int replyLength, Ipv6Address destination, int destinationPort, int relayCount, bool requiresFlush, Dhcp6IgnoreReason reason)
    {
        RequiresFlush = requiresFlush;
        RequestType = requestType;
        ReplyType = replyType;
        ReplyLength = replyLength;
        Destination = destination;
        DestinationPort = destinationPort;
        RelayCount = relayCount;
        IgnoreReason = reason;
    }

    /// <summary>The client's message type (inside any relay messages); <see cref="Dhcp6MessageType.None"/> when unparseable.</summary>
    public Dhcp6MessageType RequestType { get; }

    /// <summary>The type of the reply to the client (Advertise or Reply), even when it travels inside Relay-Reply messages.</summary>
    public Dhcp6MessageType ReplyType { get; }

    /// <summary>The reply's length in the caller's buffer; 0 when there is none.</summary>
    public int ReplyLength { get; }

    /// <summary>Where to send the reply: the datagram's source (the client, or the relay that sent it, RFC 8415 §19.3).</summary>
    public Ipv6Address Destination { get; }

    /// <summary>546 for a client, 547 for a relay (RFC 8415 §7.2).</summary>
    public int DestinationPort { get; }

    /// <summary>How many Relay-Reply messages wrap the reply.</summary>
    public int RelayCount { get; }

    /// <summary>The reply commits or ends a lease: send it only after the lease store's <c>Flush</c> (the engine's <see cref="Dhcp6ServerEngine.Flush"/>).</summary>
    public bool RequiresFlush { get; }

    /// <summary>Why there is no reply, or <see cref="Dhcp6IgnoreReason.None"/>.</summary>
    public Dhcp6IgnoreReason IgnoreReason { get; }

    /// <summary>Whether there is a reply to send.</summary>
    public bool HasReply => ReplyLength > 0;

    internal static Dhcp6ProcessResult Reply(Dhcp6MessageType request, Dhcp6MessageType reply, int length, Ipv6Address destination, int port, int relays, bool requiresFlush) =>
        new(request, reply, length, destination, port, relays, requiresFlush, Dhcp6IgnoreReason.None);

    internal static Dhcp6ProcessResult Ignore(Dhcp6MessageType request, Dhcp6IgnoreReason reason) =>
        new(request, Dhcp6MessageType.None, 0, default, 0, 0, false, reason);

    /// <inheritdoc/>
    public override string ToString() =>
        HasReply ? $"{ReplyType} to [{Destination}]:{DestinationPort} ({ReplyLength} bytes, {RelayCount} relays)" : $"ignored {RequestType}: {IgnoreReason}";
}
