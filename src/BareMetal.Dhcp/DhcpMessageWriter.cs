using System.Buffers.Binary;
using L = BareMetal.Dhcp.DhcpMessageLayout;

namespace BareMetal.Dhcp;

/// <summary>
/// Writes a DHCP message into a caller's buffer without allocating: start it (<see cref="TryStartReply"/> builds
/// a reply from a request), set fixed fields, add options, then <see cref="TryComplete"/>.
/// </summary>
/// <remarks>
/// <para>Replies copy <c>xid</c>, <c>flags</c>, <c>giaddr</c>, <c>htype</c>, <c>hlen</c> and <c>chaddr</c> from the
/// request (RFC 2131 §4.3.1, table 3), echo option 61 right after 53/54 (RFC 6842 §3) and option 82 last
/// (RFC 3046 §2.2), stay within the client's maximum message size (option 57, never below 576, RFC 2132
/// §9.10) and are padded to the 300-byte BOOTP minimum (RFC 1542 §2.1).</para>
/// <para>Options longer than 255 bytes are split into consecutive instances (RFC 3396 §5). Every
/// <c>Try</c> method returns <c>false</c> when the option does not fit and then leaves the message as it was.</para>
/// </remarks>
public ref struct DhcpMessageWriter
{
    private readonly Span<byte> _buffer;
    private DhcpMessageReader _request;
    private int _position;
    private int _limit;
    private int _reserved;
    private bool _echoRelayInformation;
    private State _state;

    /// <summary>Creates a writer over <paramref name="destination"/>; nothing is written until a <c>TryStart</c> call.</summary>
    /// <param name="destination">The buffer; 300 bytes at least, 576 or more for typical replies.</param>
    public DhcpMessageWriter(Span<byte> destination)
    {
        _buffer = destination;
        _request = default;
        _position = 0;
        _limit = 0;
        _reserved = 0;
        _echoRelayInformation = false;
        _state = State.NotStarted;
    }

    private enum State
    {
        NotStarted,
        Writing,
        Completed,
    }

    /// <summary>The most bytes this message may take: the buffer, and for replies the client's limit (option 57 minus IP/UDP headers).</summary>
    public readonly int MessageSizeLimit => _limit;

    /// <summary>The bytes written so far (header and options, without the End option and padding still to come).</summary>
    public readonly int BytesWritten => _position;

    /// <summary>The option bytes still free, after keeping room for the echoed option 82 and End.</summary>
    public readonly int RemainingOptionSpace => _state == State.Writing ? _limit - _reserved - _position : 0;

    /// <summary><c>hops</c> (RFC 2131 §2).</summary>
    public readonly byte Hops
    {
        get => _buffer[L.Hops];
        set => RequireStarted()[L.Hops] = value;
    }

    /// <summary><c>xid</c> (RFC 2131 §2).</summary>
    public readonly uint TransactionId
    {
        get => BinaryPrimitives.ReadUInt32BigEndian(_buffer[L.TransactionId..]);
        set => BinaryPrimitives.WriteUInt32BigEndian(RequireStarted()[L.TransactionId..], value);
    }

    /// <summary><c>secs</c> (RFC 2131 §2).</summary>
    public readonly ushort Seconds
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[L.Seconds..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(RequireStarted()[L.Seconds..], value);
    }

    /// <summary><c>flags</c> (RFC 2131 §2, figure 2; bit 15 is broadcast).</summary>
    public readonly ushort Flags
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[L.Flags..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(RequireStarted()[L.Flags..], value);
    }

    /// <summary><c>ciaddr</c> (RFC 2131 §2).</summary>
    public readonly Ipv4Address ClientAddress
    {
        get => Ipv4Address.Read(_buffer[L.ClientAddress..]);
        set => value.WriteTo(RequireStarted()[L.ClientAddress..]);
    }

    /// <summary><c>yiaddr</c>, the address offered or assigned (RFC 2131 §2).</summary>
    public readonly Ipv4Address YourAddress
    {
        get => Ipv4Address.Read(_buffer[L.YourAddress..]);
        set => value.WriteTo(RequireStarted()[L.YourAddress..]);
    }

    /// <summary><c>siaddr</c>, the next server (TFTP) address (RFC 2131 §2).</summary>
    public readonly Ipv4Address ServerAddress
    {
        get => Ipv4Address.Read(_buffer[L.ServerAddress..]);
        set => value.WriteTo(RequireStarted()[L.ServerAddress..]);
    }

    /// <summary><c>giaddr</c>, the relay agent address (RFC 2131 §2).</summary>
    public readonly Ipv4Address GatewayAddress
    {
        get => Ipv4Address.Read(_buffer[L.GatewayAddress..]);
        set => value.WriteTo(RequireStarted()[L.GatewayAddress..]);
    }

    /// <summary>
    /// Starts a reply to <paramref name="request"/>: the fixed header per RFC 2131 table 3, option 53, option 54
    /// unless <paramref name="serverIdentifier"/> is 0.0.0.0, and the client identifier echoed (RFC 6842).
    /// </summary>
    /// <param name="request">The client's message; its bytes must stay unchanged until <see cref="TryComplete"/>.</param>
    /// <param name="messageType">OFFER, ACK or NAK usually.</param>
    /// <param name="serverIdentifier">Option 54, this server's address on the client's network.</param>
    /// <returns>Whether the buffer holds at least the 300-byte minimum and the start fitted.</returns>
    public bool TryStartReply(in DhcpMessageReader request, DhcpMessageType messageType, Ipv4Address serverIdentifier)
    {
        // RFC 2131 §2 / RFC 2132 §9.10: the client accepts at least 576 bytes of IP datagram, or what option 57 says.
        var clientLimit = request.TryGetMaximumMessageSize(out var maximum) ? Math.Max((int)maximum, L.MinimumMaximumMessageSize) : L.MinimumMaximumMessageSize;
        var limit = Math.Min(_buffer.Length, clientLimit - L.IpUdpHeaders);
        if (limit < L.MinimumBootpMessage || request.Packet.Length < L.Options)
        {
            return false;
        }

        // RFC 3046 §2.2: the relay agent information is echoed, and last, so room for it is kept from now on.
        var reserved = 1 + EchoLength(request, DhcpOptionCode.RelayAgentInformation);
        if (L.Options + reserved > limit)
        {
            return false;
        }

        var header = _buffer[..L.Options];
        header.Clear();
        header[L.Op] = (byte)DhcpOpcode.BootReply;
        header[L.HardwareType] = request.HardwareType;
        header[L.HardwareAddressLength] = request.HardwareAddressLength;
        request.Packet.Slice(L.TransactionId, 4).CopyTo(header[L.TransactionId..]);
        request.Packet.Slice(L.Flags, 2).CopyTo(header[L.Flags..]);
        if (messageType == DhcpMessageType.Ack)
        {
            // Table 3: an ACK carries ciaddr from the request (0 unless renewing or answering an INFORM).
            request.Packet.Slice(L.ClientAddress, 4).CopyTo(header[L.ClientAddress..]);
        }

        request.Packet.Slice(L.GatewayAddress, 4).CopyTo(header[L.GatewayAddress..]);
        request.ClientHardwareAddressField.CopyTo(header[L.ClientHardwareAddress..]);
        BinaryPrimitives.WriteUInt32BigEndian(header[L.MagicCookie..], L.MagicCookieValue);

        _request = request;
        _echoRelayInformation = reserved > 1;
        _limit = limit;
        _reserved = reserved;
        _position = L.Options;
        _state = State.Writing;

        if (!TryAddByteOption(DhcpOptionCode.DhcpMessageType, (byte)messageType)
            || (!serverIdentifier.IsUnspecified && !TryAddAddressOption(DhcpOptionCode.ServerIdentifier, serverIdentifier))
            || !TryEchoOption(request, DhcpOptionCode.ClientIdentifier))
        {
            _state = State.NotStarted;
            return false;
        }

        return true;
    }

    /// <summary>Starts any message (a client request, or a reply built field by field), limited by the buffer only.</summary>
    /// <param name="op">Request or reply.</param>
    /// <param name="messageType">Option 53, or <see cref="DhcpMessageType.None"/> for BOOTP (no option 53).</param>
    /// <param name="transactionId"><c>xid</c>.</param>
    /// <param name="hardwareType"><c>htype</c>, 1 for Ethernet.</param>
    /// <param name="clientHardwareAddress"><c>chaddr</c>, at most 16 bytes; its length becomes <c>hlen</c>.</param>
    /// <returns>Whether the buffer holds at least 300 bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clientHardwareAddress"/> is longer than 16 bytes.</exception>
    public bool TryStartMessage(DhcpOpcode op, DhcpMessageType messageType, uint transactionId, byte hardwareType, ReadOnlySpan<byte> clientHardwareAddress)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clientHardwareAddress.Length, L.ClientHardwareAddressLength, nameof(clientHardwareAddress));
        if (_buffer.Length < L.MinimumBootpMessage)
        {
            return false;
        }

        var header = _buffer[..L.Options];
        header.Clear();
        header[L.Op] = (byte)op;
        header[L.HardwareType] = hardwareType;
        header[L.HardwareAddressLength] = (byte)clientHardwareAddress.Length;
        BinaryPrimitives.WriteUInt32BigEndian(header[L.TransactionId..], transactionId);
        clientHardwareAddress.CopyTo(header[L.ClientHardwareAddress..]);
        BinaryPrimitives.WriteUInt32BigEndian(header[L.MagicCookie..], L.MagicCookieValue);

        _request = default;
        _echoRelayInformation = false;
        _limit = _buffer.Length;
        _reserved = 1;
        _position = L.Options;
        _state = State.Writing;
        if (messageType != DhcpMessageType.None && !TryAddByteOption(DhcpOptionCode.DhcpMessageType, (byte)messageType))
        {
            _state = State.NotStarted;
            return false;
        }

        return true;
    }

    /// <summary>Writes <c>sname</c>: at most 63 bytes, NUL-terminated (RFC 2131 §2).</summary>
    /// <param name="name">The server host name bytes.</param>
    /// <returns>Whether it fitted; the field is unchanged otherwise.</returns>
    public readonly bool TrySetServerName(ReadOnlySpan<byte> name) => TrySetField(L.ServerName, L.ServerNameLength, name);

    /// <summary>Writes <c>file</c>, the boot file name: at most 127 bytes, NUL-terminated (RFC 2131 §2).</summary>
    /// <param name="name">The boot file name (or URL) bytes.</param>
    /// <returns>Whether it fitted; the field is unchanged otherwise.</returns>
    public readonly bool TrySetBootFileName(ReadOnlySpan<byte> name) => TrySetField(L.File, L.FileLength, name);

    /// <summary>
    /// Adds an option; a value over 255 bytes is split into consecutive instances of the same code (RFC 3396 §5).
    /// </summary>
    /// <param name="code">The option code (not Pad or End).</param>
    /// <param name="value">The value bytes; empty writes a zero-length option where the code allows one (e.g. 80).</param>
    /// <returns>
    /// Whether it was written: <c>false</c> when it does not fit, or when the value is empty for an option that needs
    /// one (the same rule <see cref="DhcpMessageReader"/> enforces); nothing is written then.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is Pad or End.</exception>
    public bool TryAddOption(DhcpOptionCode code, scoped ReadOnlySpan<byte> value)
    {
        if (code is DhcpOptionCode.Pad or DhcpOptionCode.End)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Pad and End are written by the writer itself; add a value-carrying option.");
        }

        var instances = Math.Max(1, (value.Length + 254) / 255);
        var needed = value.Length + (2 * instances);
        if (_state != State.Writing || needed > _limit - _reserved - _position || (value.IsEmpty && DhcpMessageReader.RequiresValue((byte)code)))
        {
            return false;
        }

        do
        {
            var part = Math.Min(value.Length, 255);
            _buffer[_position] = (byte)code;
            _buffer[_position + 1] = (byte)part;
            value[..part].CopyTo(_buffer[(_position + 2)..]);
            _position += 2 + part;
            value = value[part..];
        }
        while (!value.IsEmpty);

        return true;
    }

    /// <summary>Adds a one-byte option (e.g. 53, 46).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">The byte.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddByteOption(DhcpOptionCode code, byte value) => TryAddOption(code, [value]);

    /// <summary>Adds a 16-bit big-endian option (e.g. 57, 26).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddUInt16Option(DhcpOptionCode code, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return TryAddOption(code, bytes);
    }

    /// <summary>Adds a 32-bit big-endian option (e.g. lease times 51, 58, 59).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddUInt32Option(DhcpOptionCode code, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return TryAddOption(code, bytes);
    }

    /// <summary>Adds an option holding one IPv4 address (e.g. 1, 54).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="address">The address.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddAddressOption(DhcpOptionCode code, Ipv4Address address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.WriteTo(bytes);
        return TryAddOption(code, bytes);
    }

    /// <summary>Adds an option holding a list of IPv4 addresses (e.g. 3, 6); a long list is split per RFC 3396.</summary>
    /// <param name="code">The option code.</param>
    /// <param name="addresses">The addresses, in order.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddAddressesOption(DhcpOptionCode code, ReadOnlySpan<Ipv4Address> addresses)
    {
        // 16,320 bytes at most (the largest 64-KiB message): written in place after the header bytes it needs.
        var length = addresses.Length * 4;
        var instances = Math.Max(1, (length + 254) / 255);
        if (_state != State.Writing || length + (2 * instances) > _limit - _reserved - _position || (length == 0 && DhcpMessageReader.RequiresValue((byte)code)))
        {
            return false;
        }

        // Lay the addresses out at the end of the free space, then split them into place (RFC 3396 §5).
        var staging = _buffer.Slice(_limit - _reserved - length, length);
        for (var i = 0; i < addresses.Length; i++)
        {
            addresses[i].WriteTo(staging[(i * 4)..]);
        }

        return TryAddOptionFromTail(code, length);
    }

    /// <summary>Adds a text option (e.g. 12, 60, 66, 67) from ASCII characters.</summary>
    /// <param name="code">The option code.</param>
    /// <param name="text">ASCII text.</param>
    /// <returns>Whether the text is ASCII and fitted.</returns>
    public bool TryAddAsciiOption(DhcpOptionCode code, ReadOnlySpan<char> text)
    {
        if (_state != State.Writing || !System.Text.Ascii.IsValid(text))
        {
            return false;
        }

        var length = text.Length;
        var instances = Math.Max(1, (length + 254) / 255);
        if (length + (2 * instances) > _limit - _reserved - _position || (length == 0 && DhcpMessageReader.RequiresValue((byte)code)))
        {
            return false;
        }

        var staging = _buffer.Slice(_limit - _reserved - length, length);
        System.Text.Ascii.FromUtf16(text, staging, out _);
        return TryAddOptionFromTail(code, length);
    }

    /// <summary>
    /// Adds option 43 with PXE discovery control (sub-option 6) and End, e.g.
    /// <see cref="PxeDiscoveryControl.UseBootFileFromReply"/> in a proxyDHCP offer (PXE 2.1 §2.4.5).
    /// </summary>
    /// <param name="control">The discovery control bits.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddPxeDiscoveryControl(PxeDiscoveryControl control) =>
        TryAddOption(DhcpOptionCode.VendorSpecificInformation, [PxeVendorOptions.DiscoveryControlCode, 1, (byte)control, 255]);

    /// <summary>Copies every instance of option <paramref name="code"/> from <paramref name="request"/> verbatim (e.g. 97 for PXE).</summary>
    /// <param name="request">The request to copy from.</param>
    /// <param name="code">The option code.</param>
    /// <returns>Whether it fitted (true as well when the request has no such option).</returns>
    public bool TryEchoOption(in DhcpMessageReader request, DhcpOptionCode code)
    {
        if (request.TryGetOption(code, out var single))
        {
            // The usual case, one instance: a single lookup, then the same write as TryAddOption.
            return TryAddOption(code, single);
        }

        var needed = EchoLength(request, code);
        if (_state != State.Writing || needed > _limit - _reserved - _position)
        {
            return false;
        }

        WriteEcho(request, code);
        return true;
    }

    /// <summary>
    /// Ends the message: the echoed option 82 (last, RFC 3046 §2.2), End (RFC 2132 §3.2), zero padding to 300
    /// bytes (RFC 1542 §2.1).
    /// </summary>
    /// <param name="written">The message length, 0 when the writer was not started.</param>
    /// <returns>Whether a message is complete in the buffer.</returns>
    public bool TryComplete(out int written)
    {
        if (_state != State.Writing)
        {
            written = _state == State.Completed ? _position : 0;
            return _state == State.Completed;
        }

        if (_echoRelayInformation)
        {
            WriteEcho(_request, DhcpOptionCode.RelayAgentInformation);
        }

        _buffer[_position++] = (byte)DhcpOptionCode.End;
        if (_position < L.MinimumBootpMessage)
        {
            _buffer[_position..L.MinimumBootpMessage].Clear();
            _position = L.MinimumBootpMessage;
        }

        _state = State.Completed;
        written = _position;
        return true;
    }

    private static int EchoLength(in DhcpMessageReader request, DhcpOptionCode code)
    {
        if (!request.ContainsOption(code))
        {
            return 0;
        }

        if (request.TryGetOption(code, out var single))
        {
            return 2 + single.Length;
        }

        var length = 0;
        foreach (var option in request.GetOptions())
        {
            if (option.Code == code)
            {
                length += 2 + option.Value.Length;
            }
        }

        return length;
    }

    private void WriteEcho(in DhcpMessageReader request, DhcpOptionCode code)
    {
        if (!request.ContainsOption(code))
        {
            return;
        }

        if (request.TryGetOption(code, out var single))
        {
            _buffer[_position] = (byte)code;
            _buffer[_position + 1] = (byte)single.Length;
            single.CopyTo(_buffer[(_position + 2)..]);
            _position += 2 + single.Length;
            return;
        }

        foreach (var option in request.GetOptions())
        {
            if (option.Code == code)
            {
                _buffer[_position] = (byte)code;
                _buffer[_position + 1] = (byte)option.Value.Length;
                option.Value.CopyTo(_buffer[(_position + 2)..]);
                _position += 2 + option.Value.Length;
            }
        }
    }

    /// <summary>Moves a value staged at the tail of the free space into place, split per RFC 3396 §5.</summary>
    private bool TryAddOptionFromTail(DhcpOptionCode code, int length)
    {
        var instances = Math.Max(1, (length + 254) / 255);
        var source = _limit - _reserved - length;
        var destination = _position + (2 * instances) + length;

        // Move the staged bytes to sit right after where the headers go, then insert headers from the front.
        _buffer.Slice(source, length).CopyTo(_buffer.Slice(destination - length, length));
        var read = destination - length;
        var remaining = length;
        do
        {
            var part = Math.Min(remaining, 255);
            _buffer.Slice(read, part).CopyTo(_buffer[(_position + 2)..]);
            _buffer[_position] = (byte)code;
            _buffer[_position + 1] = (byte)part;
            _position += 2 + part;
            read += part;
            remaining -= part;
        }
        while (remaining > 0);

        return true;
    }

    private readonly bool TrySetField(int offset, int size, ReadOnlySpan<byte> value)
    {
        if (_state != State.Writing || value.Length >= size || value.Contains((byte)0))
        {
            return false;
        }

        var field = _buffer.Slice(offset, size);
        value.CopyTo(field);
        field[value.Length..].Clear();
        return true;
    }

    private readonly Span<byte> RequireStarted() =>
        _state == State.NotStarted
            ? throw new InvalidOperationException("Start the message with TryStartReply or TryStartMessage before setting fields.")
            : _buffer;
}
