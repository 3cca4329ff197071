using System.Buffers.Binary;
using L = BareMetal.Dhcp6.Dhcp6MessageLayout;

namespace BareMetal.Dhcp6;

/// <summary>
/// A validated, allocation-free view over one DHCPv6 message: a client/server message (RFC 8415 §8) or a relay
/// message (Relay-Forw/Relay-Reply, §9) whose Relay Message option holds the next message in.
/// </summary>
/// <remarks>
/// <see cref="TryParse(ReadOnlySpan{byte}, out Dhcp6MessageReader, out Dhcp6ParseError)"/> walks every option once,
/// including those inside IAs, IA Addresses, IA Prefixes and relayed messages at every depth, and checks each
/// length and each option's own layout, so later lookups never read outside the buffer and never fail on bytes.
/// The reader holds a view of the caller's bytes: keep them unchanged while it is in use.
/// </remarks>
public readonly ref partial struct Dhcp6MessageReader
{
    private readonly ReadOnlySpan<byte> _packet;

    private Dhcp6MessageReader(ReadOnlySpan<byte> packet) => _packet = packet;

    /// <summary>The whole message as given to <see cref="TryParse(ReadOnlySpan{byte}, out Dhcp6MessageReader, out Dhcp6ParseError)"/>.</summary>
    public ReadOnlySpan<byte> Packet => _packet;

    /// <summary><c>msg-type</c> (RFC 8415 §7.3).</summary>
    public Dhcp6MessageType MessageType => (Dhcp6MessageType)_packet[L.MessageType];

    /// <summary>Whether this is a Relay-Forw or Relay-Reply (RFC 8415 §9): relay fields, no transaction id.</summary>
    public bool IsRelay => IsRelayType(_packet[L.MessageType]);

    /// <summary><c>transaction-id</c>, 24 bits (RFC 8415 §8); 0 for relay messages.</summary>
    public uint TransactionId => IsRelay ? 0 : ((uint)_packet[1] << 16) | ((uint)_packet[2] << 8) | _packet[3];

    /// <summary>The 3 bytes of <c>transaction-id</c> as sent; empty for relay messages.</summary>
    public ReadOnlySpan<byte> TransactionIdBytes => IsRelay ? default : _packet.Slice(L.TransactionId, 3);

    /// <summary><c>hop-count</c>: relay agents passed before this one (RFC 8415 §9); 0 for client/server messages.</summary>
    public byte HopCount => IsRelay ? _packet[L.HopCount] : (byte)0;

    /// <summary><c>link-address</c>: an address on the client's link, or <c>::</c> (RFC 8415 §9, §19.1.1); <c>::</c> for client/server messages.</summary>
    public Ipv6Address LinkAddress => IsRelay ? Ipv6Address.Read(_packet[L.LinkAddress..]) : default;

    /// <summary><c>peer-address</c>: where the relay got the message from (the client or the previous relay); <c>::</c> for client/server messages.</summary>
    public Ipv6Address PeerAddress => IsRelay ? Ipv6Address.Read(_packet[L.PeerAddress..]) : default;

    /// <summary>The encoded options after the fixed header.</summary>
    public ReadOnlySpan<byte> OptionBytes => _packet[(IsRelay ? L.RelayHeader : L.ClientServerHeader)..];

    /// <summary>
    /// Validates <paramref name="packet"/> as a DHCPv6 message (a UDP payload): header, every option's bounds and
    /// layout, and relayed messages inside (at most <c>HOP_COUNT_LIMIT</c> relays deep).
    /// </summary>
    /// <param name="packet">The UDP payload.</param>
    /// <param name="reader">A view of the message, or <c>default</c> on failure.</param>
    /// <param name="error">Why the bytes were rejected, or <see cref="Dhcp6ParseError.None"/>.</param>
    /// <returns>Whether the bytes are a well-formed message.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Dhcp6MessageReader reader, out Dhcp6ParseError error) =>
        TryParse(packet, out reader, out error, out _);

    /// <summary>Validates <paramref name="packet"/> as a DHCPv6 message and, on an option error, also names the option.</summary>
    /// <param name="packet">The UDP payload.</param>
    /// <param name="reader">A view of the message, or <c>default</c> on failure.</param>
    /// <param name="error">Why the bytes were rejected, or <see cref="Dhcp6ParseError.None"/>.</param>
    /// <param name="offendingOption">The code of the (innermost) option at fault, or 0 when the fault is not an option's.</param>
    /// <returns>Whether the bytes are a well-formed message.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Dhcp6MessageReader reader, out Dhcp6ParseError error, out Dhcp6OptionCode offendingOption)
    {
        reader = default;
        error = Validate(packet, depth: 0, out var offender);
        offendingOption = (Dhcp6OptionCode)offender;
        if (error != Dhcp6ParseError.None)
        {
            return false;
        }

        reader = new Dhcp6MessageReader(packet);
        return true;
    }

    /// <summary>Enumerates the message's top-level options in wire order (not those inside IAs or relayed messages).</summary>
    /// <returns>An allocation-free enumerator usable with <c>foreach</c>.</returns>
    public Dhcp6OptionEnumerator GetOptions() => new(OptionBytes);

    /// <summary>The message inside a relay message's Relay Message option (RFC 8415 §21.10).</summary>
    /// <param name="message">The relayed message (itself a relay message when relays nest).</param>
    /// <returns>Whether this is a relay message (which always carries one after validation).</returns>
    public bool TryGetRelayMessage(out Dhcp6MessageReader message)
    {
        if (IsRelay && Dhcp6OptionEnumerator.TryFind(OptionBytes, Dhcp6OptionCode.RelayMessage, out var inner))
        {
            message = new Dhcp6MessageReader(inner);
            return true;
        }

        message = default;
        return false;
    }

    /// <summary>Follows Relay Message options down to the client's (or server's) own message.</summary>
    /// <param name="relayCount">How many relay messages were wrapped around it (0 when not relayed).</param>
    /// <returns>The innermost message; this message when it is not a relay message.</returns>
    public Dhcp6MessageReader GetInnermostMessage(out int relayCount)
    {
        relayCount = 0;
        var current = this;
        while (current.TryGetRelayMessage(out var inner))
        {
            current = inner;
            relayCount++;
        }

        return current;
    }

    internal static bool IsRelayType(byte type) => type is (byte)Dhcp6MessageType.RelayForward or (byte)Dhcp6MessageType.RelayReply;

    private static Dhcp6ParseError Validate(ReadOnlySpan<byte> packet, int depth, out ushort offender)
    {
        offender = 0;
        if (packet.Length < L.ClientServerHeader)
        {
            return Dhcp6ParseError.Truncated;
        }

        if (packet[L.MessageType] == 0)
        {
            return Dhcp6ParseError.InvalidMessageType;
        }

        if (!IsRelayType(packet[L.MessageType]))
        {
            return Dhcp6OptionValidator.Validate(packet[L.ClientServerHeader..], Dhcp6OptionValidator.Scope.Message, depth, out offender);
        }

        // RFC 8415 §7.6 / §19.1.1: a relay never forwards past HOP_COUNT_LIMIT relays, so no message nests deeper.
        if (depth >= L.HopCountLimit)
        {
            return Fail(out offender);
        }

        if (packet.Length < L.RelayHeader)
        {
            return Dhcp6ParseError.Truncated;
        }

        var options = packet[L.RelayHeader..];
        var error = Dhcp6OptionValidator.Validate(options, Dhcp6OptionValidator.Scope.Message, depth, out offender);
        if (error == Dhcp6ParseError.None && !Dhcp6OptionEnumerator.TryFind(options, Dhcp6OptionCode.RelayMessage, out _))
        {
            // RFC 8415 §9: a relay message "MUST include a Relay Message option".
            offender = (ushort)Dhcp6OptionCode.RelayMessage;
            return Dhcp6ParseError.MissingRelayMessage;
        }

        return error;
    }

    /// <summary>Validates a relayed message one level deeper (called by the option validator for option 9).</summary>
    internal static Dhcp6ParseError ValidateRelayed(ReadOnlySpan<byte> message, int depth, out ushort offender) =>
        depth > L.HopCountLimit ? Fail(out offender) : Validate(message, depth, out offender);

    private static Dhcp6ParseError Fail(out ushort offender)
    {
        offender = (ushort)Dhcp6OptionCode.RelayMessage;
        return Dhcp6ParseError.RelayNestingTooDeep;
    }

    /// <summary>Reads a Status Code option from an option region (RFC 8415 §21.13: a 2-byte code, then a UTF-8 message).</summary>
    internal static bool TryReadStatusCode(ReadOnlySpan<byte> region, out Dhcp6StatusCode status, out ReadOnlySpan<byte> message)
    {
        if (Dhcp6OptionEnumerator.TryFind(region, Dhcp6OptionCode.StatusCode, out var value) && value.Length >= 2)
        {
            status = (Dhcp6StatusCode)BinaryPrimitives.ReadUInt16BigEndian(value);
            message = value[2..];
            return true;
        }

        status = default;
        message = default;
        return false;
    }
}
