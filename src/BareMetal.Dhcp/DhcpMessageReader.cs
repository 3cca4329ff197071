using System.Buffers.Binary;
using L = BareMetal.Dhcp.DhcpMessageLayout;

namespace BareMetal.Dhcp;

/// <summary>
/// A validated, allocation-free view over one DHCPv4/BOOTP message. Fixed fields carry their RFC 2131 names;
/// options are enumerated and looked up in place, in the order RFC 3396 §6 defines: the <c>options</c> field,
/// then <c>file</c>, then <c>sname</c> when option 52 overloads them.
/// </summary>
/// <remarks>
/// <see cref="TryParse(ReadOnlySpan{byte}, out DhcpMessageReader, out DhcpParseError)"/> walks every option once
/// and checks each length against the buffer, so later lookups never read outside it. The reader holds a view
/// of the caller's bytes: keep them unchanged while the reader is in use.
/// </remarks>
public readonly ref partial struct DhcpMessageReader
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly OptionSet _present;
    private readonly OptionSet _repeated;
    private readonly OptionIndex _index;
    private readonly int _optionsEnd;
    private readonly byte _overload;
    private readonly DhcpMessageType _messageType;

    private DhcpMessageReader(ReadOnlySpan<byte> packet, scoped in ParseState state)
    {
        _packet = packet;
        _present = state.Present;
        _repeated = state.Repeated;
        _index = state.Index;
        _optionsEnd = state.OptionsEnd;
        _overload = state.Overload;
        _messageType = state.MessageType;
    }

    /// <summary>The whole message as given to <see cref="TryParse(ReadOnlySpan{byte}, out DhcpMessageReader, out DhcpParseError)"/>.</summary>
    public ReadOnlySpan<byte> Packet => _packet;

    /// <summary><c>op</c>: request or reply (RFC 2131 §2).</summary>
    public DhcpOpcode Op => (DhcpOpcode)_packet[L.Op];

    /// <summary><c>htype</c>: hardware address type, 1 for Ethernet (RFC 1700 ARP hardware types).</summary>
    public byte HardwareType => _packet[L.HardwareType];

    /// <summary><c>hlen</c>: hardware address length, 6 for Ethernet; at most 16 after validation.</summary>
    public byte HardwareAddressLength => _packet[L.HardwareAddressLength];

    /// <summary><c>hops</c>: relay agents passed (RFC 2131 §2).</summary>
    public byte Hops => _packet[L.Hops];

    /// <summary><c>xid</c>: the transaction id chosen by the client.</summary>
    public uint TransactionId => BinaryPrimitives.ReadUInt32BigEndian(_packet[L.TransactionId..]);

    /// <summary><c>secs</c>: seconds since the client began acquiring an address.</summary>
    public ushort Seconds => BinaryPrimitives.ReadUInt16BigEndian(_packet[L.Seconds..]);

    /// <summary><c>flags</c>: the whole 16-bit field (RFC 2131 §2, figure 2).</summary>
    public ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(_packet[L.Flags..]);

    /// <summary>The broadcast bit of <c>flags</c>: the client cannot receive unicast before it is configured (RFC 2131 §4.1).</summary>
    public bool IsBroadcast => (Flags & L.BroadcastFlag) != 0;

    /// <summary><c>ciaddr</c>: the client's address when it already has one.</summary>
    public Ipv4Address ClientAddress => Ipv4Address.Read(_packet[L.ClientAddress..]);

    /// <summary><c>yiaddr</c>: "your" address, offered or assigned by the server.</summary>
    public Ipv4Address YourAddress => Ipv4Address.Read(_packet[L.YourAddress..]);

    /// <summary><c>siaddr</c>: the next server in bootstrap (the TFTP server).</summary>
    public Ipv4Address ServerAddress => Ipv4Address.Read(_packet[L.ServerAddress..]);

    /// <summary><c>giaddr</c>: the relay agent address, 0.0.0.0 when not relayed.</summary>
    public Ipv4Address GatewayAddress => Ipv4Address.Read(_packet[L.GatewayAddress..]);

    /// <summary>Whether a relay agent forwarded the message (<c>giaddr</c> is set).</summary>
    public bool IsRelayed => !GatewayAddress.IsUnspecified;

    /// <summary><c>chaddr</c>: the first <see cref="HardwareAddressLength"/> bytes of the client hardware address field.</summary>
    public ReadOnlySpan<byte> ClientHardwareAddress => _packet.Slice(L.ClientHardwareAddress, HardwareAddressLength);

    /// <summary>The whole 16-byte <c>chaddr</c> field, padding included.</summary>
    public ReadOnlySpan<byte> ClientHardwareAddressField => _packet.Slice(L.ClientHardwareAddress, L.ClientHardwareAddressLength);

    /// <summary>Whether <c>chaddr</c> holds an Ethernet MAC (<c>htype</c> 1, <c>hlen</c> 6).</summary>
    public bool HasEthernetAddress => HardwareType == 1 && HardwareAddressLength == MacAddress.Length;

    /// <summary>
    /// The first six bytes of <c>chaddr</c> as a MAC address (meaningful when <see cref="HasEthernetAddress"/>;
    /// for other hardware types it is whatever the first six bytes hold).
    /// </summary>
    public MacAddress ClientMacAddress => MacAddress.Read(_packet[L.ClientHardwareAddress..]);

    /// <summary>The raw 64-byte <c>sname</c> field.</summary>
    public ReadOnlySpan<byte> ServerNameField => _packet.Slice(L.ServerName, L.ServerNameLength);

    /// <summary>The raw 128-byte <c>file</c> field.</summary>
    public ReadOnlySpan<byte> FileField => _packet.Slice(L.File, L.FileLength);

    /// <summary><c>sname</c> up to its first NUL; empty when option 52 uses the field for options.</summary>
    public ReadOnlySpan<byte> ServerName => IsServerNameOverloaded ? default : UntilNul(ServerNameField);

    /// <summary><c>file</c> (the boot file name) up to its first NUL; empty when option 52 uses the field for options.</summary>
    public ReadOnlySpan<byte> BootFileName => IsFileOverloaded ? default : UntilNul(FileField);

    /// <summary>Whether option 52 moved options into the <c>file</c> field (RFC 2132 §9.3).</summary>
    public bool IsFileOverloaded => (_overload & L.OverloadFile) != 0;

    /// <summary>Whether option 52 moved options into the <c>sname</c> field (RFC 2132 §9.3).</summary>
    public bool IsServerNameOverloaded => (_overload & L.OverloadServerName) != 0;

    /// <summary>Option 53, or <see cref="DhcpMessageType.None"/> for a BOOTP message without it.</summary>
    public DhcpMessageType MessageType => _messageType;

    /// <summary>
    /// Validates <paramref name="packet"/> as a DHCP message (a UDP payload): fixed header, magic cookie and
    /// every option's length, including those in overloaded <c>file</c>/<c>sname</c> fields.
    /// </summary>
    /// <param name="packet">The UDP payload.</param>
    /// <param name="reader">A view of the message, or <c>default</c> on failure.</param>
    /// <param name="error">Why the bytes were rejected, or <see cref="DhcpParseError.None"/>.</param>
    /// <returns>Whether the bytes are a well-formed message.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out DhcpMessageReader reader, out DhcpParseError error) =>
        TryParse(packet, out reader, out error, out _);

    /// <summary>
    /// Validates <paramref name="packet"/> as a DHCP message and, on an option error, also names the option.
    /// </summary>
    /// <param name="packet">The UDP payload.</param>
    /// <param name="reader">A view of the message, or <c>default</c> on failure.</param>
    /// <param name="error">Why the bytes were rejected, or <see cref="DhcpParseError.None"/>.</param>
    /// <param name="offendingOption">The code of the option at fault, or <see cref="DhcpOptionCode.Pad"/> when the fault is not an option's.</param>
    /// <returns>Whether the bytes are a well-formed message.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out DhcpMessageReader reader, out DhcpParseError error, out DhcpOptionCode offendingOption)
    {
        reader = default;
        offendingOption = DhcpOptionCode.Pad;

        // RFC 2131 §2: 236 bytes of fixed fields, then the options field starting with the magic cookie (§3).
        if (packet.Length < L.Options)
        {
            error = DhcpParseError.Truncated;
            return false;
        }

        if (packet[L.Op] is not ((byte)DhcpOpcode.BootRequest or (byte)DhcpOpcode.BootReply))
        {
            error = DhcpParseError.InvalidOpcode;
            return false;
        }

        if (packet[L.HardwareAddressLength] > L.ClientHardwareAddressLength)
        {
            error = DhcpParseError.HardwareAddressTooLong;
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(packet[L.MagicCookie..]) != L.MagicCookieValue)
        {
            error = DhcpParseError.BadMagicCookie;
            return false;
        }

        var state = default(ParseState);
        state.OptionsEnd = packet.Length;
        error = WalkRegion(packet, L.Options, packet.Length, inOverloadedField: false, ref state, out var offender);

        // RFC 2131 §4.1 / RFC 3396 §6: with option 52, options continue in 'file', then in 'sname'.
        if (error == DhcpParseError.None && (state.Overload & L.OverloadFile) != 0)
        {
            error = WalkRegion(packet, L.File, L.File + L.FileLength, inOverloadedField: true, ref state, out offender);
        }

        if (error == DhcpParseError.None && (state.Overload & L.OverloadServerName) != 0)
        {
            error = WalkRegion(packet, L.ServerName, L.ServerName + L.ServerNameLength, inOverloadedField: true, ref state, out offender);
        }

        if (error != DhcpParseError.None)
        {
            offendingOption = (DhcpOptionCode)offender;
            return false;
        }

        reader = new DhcpMessageReader(packet, state);
        return true;
    }

    /// <summary>Enumerates every option instance (Pad and End excluded) in wire order, across overloaded fields.</summary>
    /// <returns>An allocation-free enumerator usable with <c>foreach</c>.</returns>
    public DhcpOptionEnumerator GetOptions() => new(_packet, _optionsEnd, _overload);

    private static ReadOnlySpan<byte> UntilNul(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }

    /// <summary>One pass over an option region: bounds, required lengths, 52/53/57 rules; records what is present.</summary>
    private static DhcpParseError WalkRegion(ReadOnlySpan<byte> packet, int start, int end, bool inOverloadedField, ref ParseState state, out byte offender)
    {
        var position = start;
        offender = 0;
        while (position < end)
        {
            var code = packet[position];
            if (code == (byte)DhcpOptionCode.Pad)
            {
                // RFC 2132 §3.1: a single byte with no length.
                position++;
                continue;
            }

            if (code == (byte)DhcpOptionCode.End)
            {
                // RFC 2132 §3.2: the rest of the region is padding.
                if (!inOverloadedField)
                {
                    state.OptionsEnd = position;
                }

                return DhcpParseError.None;
            }

            offender = code;
            if (position + 1 >= end || position + 2 + packet[position + 1] > end)
            {
                return inOverloadedField ? DhcpParseError.OverloadedFieldMalformed : DhcpParseError.OptionOverrunsBuffer;
            }

            int length = packet[position + 1];
            var value = packet.Slice(position + 2, length);
            if (length == 0 && RequiresValue(code))
            {
                return DhcpParseError.ZeroLengthOption;
            }

            if (state.Present.AddOrFind(code))
            {
                state.Repeated.Add(code);
            }

            state.Index.Add(position);

            switch ((DhcpOptionCode)code)
            {
                case DhcpOptionCode.DhcpMessageType:
                    // RFC 2132 §9.6: exactly one byte; RFC 3396 §4 forbids splitting fixed-length options.
                    if (length != 1 || state.MessageType != DhcpMessageType.None)
                    {
                        return DhcpParseError.InvalidMessageTypeOption;
                    }

                    state.MessageType = (DhcpMessageType)value[0];
                    break;
                case DhcpOptionCode.MaximumMessageSize when length != 2:
                    // RFC 2132 §9.10: a 16-bit value.
                    return DhcpParseError.InvalidMaximumMessageSizeOption;
                case DhcpOptionCode.OptionOverload:
                    // RFC 2132 §9.3: only in the options field, once; any other place makes a loop.
                    if (inOverloadedField || state.Overload != 0)
                    {
                        return DhcpParseError.OverloadLoop;
                    }

                    if (length != 1 || value[0] is < 1 or > 3)
                    {
                        return DhcpParseError.InvalidOverloadOption;
                    }

                    state.Overload = value[0];
                    break;
            }

            position += 2 + length;
        }

        // No End option: tolerated (some BOOTP clients omit it); the region ends with the buffer.
        offender = 0;
        return DhcpParseError.None;
    }

    /// <summary>
    /// RFC 2132 §3-§9 options (1-61, 64-76), and 77, 82, 93, 94 and 97, carry at least one byte: a zero length
    /// there is malformed. Unknown options and 80 (Rapid Commit, RFC 4039) may be empty.
    /// </summary>
    internal static bool RequiresValue(byte code) =>
        code is (>= 1 and <= 61) or (>= 64 and <= 77) or 82 or 93 or 94 or 97;

    private struct ParseState
    {
        public OptionSet Present;
        public OptionSet Repeated;
        public OptionIndex Index;
        public int OptionsEnd;
        public byte Overload;
        public DhcpMessageType MessageType;
    }
}
