using System.Buffers.Binary;
using System.Text;
using BareMetal.Dhcp;
using L = BareMetal.Dhcp6.Dhcp6MessageLayout;

namespace BareMetal.Dhcp6;

/// <summary>
/// Writes a DHCPv6 message into a caller's buffer without allocating: a header (<see cref="TryWriteHeader"/> or
/// <see cref="TryWriteRelayHeader"/>), then options. Options that hold options (IA_NA, IA Address, Relay Message) are
/// opened with <see cref="TryBeginOption(Dhcp6OptionCode, out Dhcp6OptionScope)"/> and closed with
/// <see cref="TryEndOption"/>; a relay reply is a relay header, an Interface-Id, then a Relay Message option holding
/// the reply's own header and options.
/// </summary>
/// <remarks>
/// Every <c>Try</c> method returns <c>false</c> when its bytes do not fit and then leaves <see cref="BytesWritten"/>
/// where it was, so a message is never half-written: drop an optional option, or <see cref="Rollback"/> a whole
/// scope, and go on.
/// </remarks>
public ref struct Dhcp6MessageWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    /// <summary>Creates a writer over <paramref name="destination"/> (1,232 bytes hold any reply that fits the IPv6 minimum MTU).</summary>
    /// <param name="destination">The buffer.</param>
    public Dhcp6MessageWriter(Span<byte> destination)
    {
        _buffer = destination;
        _position = 0;
    }

    /// <summary>The bytes written so far: the message is <c>destination[..BytesWritten]</c> once every scope is closed.</summary>
    public readonly int BytesWritten => _position;

    /// <summary>The bytes still free.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>The message written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>Writes a client/server message header (RFC 8415 §8): <c>msg-type</c> and a 24-bit <c>transaction-id</c>.</summary>
    /// <param name="messageType">Any type but the two relay types.</param>
    /// <param name="transactionId">The transaction id; only its low 24 bits are written.</param>
    /// <returns>Whether it fitted.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="messageType"/> is a relay type or 0.</exception>
    public bool TryWriteHeader(Dhcp6MessageType messageType, uint transactionId)
    {
        if (messageType == Dhcp6MessageType.None || Dhcp6MessageReader.IsRelayType((byte)messageType))
        {
            throw new ArgumentOutOfRangeException(nameof(messageType), messageType, "Use TryWriteRelayHeader for relay messages.");
        }

        if (Remaining < L.ClientServerHeader)
        {
            return false;
        }

        var header = _buffer.Slice(_position, L.ClientServerHeader);
        header[0] = (byte)messageType;
        header[1] = (byte)(transactionId >> 16);
        header[2] = (byte)(transactionId >> 8);
        header[3] = (byte)transactionId;
        _position += L.ClientServerHeader;
        return true;
    }

    /// <summary>Writes a relay message header (RFC 8415 §9): type, hop count, link and peer addresses.</summary>
    /// <param name="messageType"><see cref="Dhcp6MessageType.RelayForward"/> or <see cref="Dhcp6MessageType.RelayReply"/>.</param>
    /// <param name="hopCount">The hop count (a Relay-Reply copies the Relay-Forw's, RFC 8415 §19.3).</param>
    /// <param name="linkAddress">The link address.</param>
    /// <param name="peerAddress">The peer address.</param>
    /// <returns>Whether it fitted.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="messageType"/> is not a relay type.</exception>
    public bool TryWriteRelayHeader(Dhcp6MessageType messageType, byte hopCount, Ipv6Address linkAddress, Ipv6Address peerAddress)
    {
        if (!Dhcp6MessageReader.IsRelayType((byte)messageType))
        {
            throw new ArgumentOutOfRangeException(nameof(messageType), messageType, "Not a relay message type.");
        }

        if (Remaining < L.RelayHeader)
        {
            return false;
        }

        var header = _buffer.Slice(_position, L.RelayHeader);
        header[0] = (byte)messageType;
        header[L.HopCount] = hopCount;
        linkAddress.WriteTo(header[L.LinkAddress..]);
        peerAddress.WriteTo(header[L.PeerAddress..]);
        _position += L.RelayHeader;
        return true;
    }

    /// <summary>Adds an option (RFC 8415 §21.1): code, 2-byte length, value.</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">At most 65,535 bytes.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddOption(Dhcp6OptionCode code, scoped ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue || Remaining < L.OptionHeader + value.Length)
        {
            return false;
        }

        WriteOptionHeader(code, value.Length);
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
        return true;
    }

    /// <summary>Opens an option that holds other options; close it with <see cref="TryEndOption"/>.</summary>
    /// <param name="code">The option code.</param>
    /// <param name="scope">The token to close (or roll back) the option with.</param>
    /// <returns>Whether the 4-byte header fitted.</returns>
    public bool TryBeginOption(Dhcp6OptionCode code, out Dhcp6OptionScope scope)
    {
        scope = new Dhcp6OptionScope(_position);
        if (Remaining < L.OptionHeader)
        {
            return false;
        }

        WriteOptionHeader(code, 0);
        return true;
    }

    /// <summary>Opens an IA_NA or IA_PD (RFC 8415 §21.4, §21.21) with its IAID and timers.</summary>
    /// <param name="kind"><see cref="Dhcp6OptionCode.IaNa"/> or <see cref="Dhcp6OptionCode.IaPd"/>.</param>
    /// <param name="iaid">The client's IAID.</param>
    /// <param name="t1">Seconds until Renew.</param>
    /// <param name="t2">Seconds until Rebind.</param>
    /// <param name="scope">The token to close the IA with.</param>
    /// <returns>Whether it fitted (nothing is written otherwise).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not IA_NA or IA_PD.</exception>
    public bool TryBeginIdentityAssociation(Dhcp6OptionCode kind, uint iaid, uint t1, uint t2, out Dhcp6OptionScope scope)
    {
        if (kind is not (Dhcp6OptionCode.IaNa or Dhcp6OptionCode.IaPd))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "IA_NA or IA_PD (use TryBeginTemporaryAssociation for IA_TA).");
        }

        scope = new Dhcp6OptionScope(_position);
        if (Remaining < L.OptionHeader + 12)
        {
            return false;
        }

        WriteOptionHeader(kind, 0);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], iaid);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[(_position + 4)..], t1);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[(_position + 8)..], t2);
        _position += 12;
        return true;
    }

    /// <summary>Opens an IA_TA (RFC 8415 §21.5) with its IAID.</summary>
    /// <param name="iaid">The client's IAID.</param>
    /// <param name="scope">The token to close the IA with.</param>
    /// <returns>Whether it fitted (nothing is written otherwise).</returns>
    public bool TryBeginTemporaryAssociation(uint iaid, out Dhcp6OptionScope scope)
    {
        scope = new Dhcp6OptionScope(_position);
        if (Remaining < L.OptionHeader + 4)
        {
            return false;
        }

        WriteOptionHeader(Dhcp6OptionCode.IaTa, 0);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], iaid);
        _position += 4;
        return true;
    }

    /// <summary>Opens an IA Address (RFC 8415 §21.6); close it at once, or after adding a Status Code.</summary>
    /// <param name="address">The address.</param>
    /// <param name="preferredLifetime">Seconds preferred.</param>
    /// <param name="validLifetime">Seconds valid.</param>
    /// <param name="scope">The token to close the option with.</param>
    /// <returns>Whether it fitted (nothing is written otherwise).</returns>
    public bool TryBeginIaAddress(Ipv6Address address, uint preferredLifetime, uint validLifetime, out Dhcp6OptionScope scope)
    {
        scope = new Dhcp6OptionScope(_position);
        if (Remaining < L.OptionHeader + Dhcp6IaAddress.FixedLength)
        {
            return false;
        }

        WriteOptionHeader(Dhcp6OptionCode.IaAddress, 0);
        address.WriteTo(_buffer[_position..]);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[(_position + 16)..], preferredLifetime);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[(_position + 20)..], validLifetime);
        _position += Dhcp6IaAddress.FixedLength;
        return true;
    }

    /// <summary>Adds a complete IA Address without options (RFC 8415 §21.6).</summary>
    /// <param name="address">The address.</param>
    /// <param name="preferredLifetime">Seconds preferred.</param>
    /// <param name="validLifetime">Seconds valid.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddIaAddress(Ipv6Address address, uint preferredLifetime, uint validLifetime) =>
        TryBeginIaAddress(address, preferredLifetime, validLifetime, out var scope) && TryEndOption(scope);

    /// <summary>Adds a complete IA Prefix without options (RFC 8415 §21.22).</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="prefixLength">0-128.</param>
    /// <param name="preferredLifetime">Seconds preferred.</param>
    /// <param name="validLifetime">Seconds valid.</param>
    /// <returns>Whether it fitted.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prefixLength"/> is over 128.</exception>
    public bool TryAddIaPrefix(Ipv6Address prefix, byte prefixLength, uint preferredLifetime, uint validLifetime)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, (byte)128);
        Span<byte> value = stackalloc byte[Dhcp6IaPrefix.FixedLength];
        BinaryPrimitives.WriteUInt32BigEndian(value, preferredLifetime);
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], validLifetime);
        value[8] = prefixLength;
        prefix.WriteTo(value[9..]);
        return TryAddOption(Dhcp6OptionCode.IaPrefix, value);
    }

    /// <summary>Closes an option opened by a <c>TryBegin…</c> method by writing its length.</summary>
    /// <param name="scope">The option's token.</param>
    /// <returns>Whether its value fits the 16-bit length; if not, the option is rolled back.</returns>
    /// <exception cref="ArgumentException"><paramref name="scope"/> does not belong to an open option of this writer.</exception>
    public bool TryEndOption(Dhcp6OptionScope scope)
    {
        if (scope.Start < 0 || scope.Start + L.OptionHeader > _position)
        {
            throw new ArgumentException("The scope is not an open option of this writer.", nameof(scope));
        }

        var length = _position - scope.Start - L.OptionHeader;
        if (length > ushort.MaxValue)
        {
            _position = scope.Start;
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(scope.Start + 2)..], (ushort)length);
        return true;
    }

    /// <summary>Removes everything written since <paramref name="scope"/> was opened, the option's header included.</summary>
    /// <param name="scope">The option's token.</param>
    public void Rollback(Dhcp6OptionScope scope)
    {
        if (scope.Start >= 0 && scope.Start <= _position)
        {
            _position = scope.Start;
        }
    }

    /// <summary>Adds a DUID as a Client or Server Identifier (RFC 8415 §21.2, §21.3).</summary>
    /// <param name="code"><see cref="Dhcp6OptionCode.ClientId"/> or <see cref="Dhcp6OptionCode.ServerId"/>.</param>
    /// <param name="duid">The DUID bytes, 3-130 of them.</param>
    /// <returns>Whether the DUID is valid and fitted.</returns>
    public bool TryAddDuid(Dhcp6OptionCode code, ReadOnlySpan<byte> duid) =>
        Dhcp6Duid.TryRead(duid, out _) && TryAddOption(code, duid);

    /// <summary>Adds a 1-byte option (e.g. Preference, RFC 8415 §21.8).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">The byte.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddByteOption(Dhcp6OptionCode code, byte value) => TryAddOption(code, [value]);

    /// <summary>Adds a 2-byte big-endian option (e.g. Elapsed Time, RFC 8415 §21.9).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddUInt16Option(Dhcp6OptionCode code, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return TryAddOption(code, bytes);
    }

    /// <summary>Adds a 4-byte big-endian option (e.g. Information Refresh Time, RFC 8415 §21.23).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">The number.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddUInt32Option(Dhcp6OptionCode code, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return TryAddOption(code, bytes);
    }

    /// <summary>Adds an empty option: Rapid Commit (RFC 8415 §21.14) or Reconfigure Accept (§21.20).</summary>
    /// <param name="code">The option code.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddEmptyOption(Dhcp6OptionCode code) => TryAddOption(code, default);

    /// <summary>Adds a Status Code (RFC 8415 §21.13) with an ASCII message.</summary>
    /// <param name="status">The code.</param>
    /// <param name="message">A short ASCII explanation, or empty.</param>
    /// <returns>Whether the message is ASCII and it fitted.</returns>
    public bool TryAddStatusCode(Dhcp6StatusCode status, ReadOnlySpan<char> message)
    {
        if (!Ascii.IsValid(message) || message.Length > ushort.MaxValue - 2 || Remaining < L.OptionHeader + 2 + message.Length)
        {
            return false;
        }

        WriteOptionHeader(Dhcp6OptionCode.StatusCode, 2 + message.Length);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)status);
        Encoding.ASCII.GetBytes(message, _buffer[(_position + 2)..]);
        _position += 2 + message.Length;
        return true;
    }

    /// <summary>Adds an Option Request Option (RFC 8415 §21.7).</summary>
    /// <param name="codes">The requested codes.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddOptionRequest(ReadOnlySpan<Dhcp6OptionCode> codes)
    {
        var length = codes.Length * 2;
        if (length > ushort.MaxValue || Remaining < L.OptionHeader + length)
        {
            return false;
        }

        WriteOptionHeader(Dhcp6OptionCode.OptionRequest, length);
        foreach (var code in codes)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)code);
            _position += 2;
        }

        return true;
    }

    /// <summary>Adds an option holding IPv6 addresses, e.g. DNS Recursive Name Servers (RFC 3646 §3).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="addresses">The addresses.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddAddresses(Dhcp6OptionCode code, ReadOnlySpan<Ipv6Address> addresses)
    {
        var length = addresses.Length * Ipv6Address.Length;
        if (length > ushort.MaxValue || Remaining < L.OptionHeader + length)
        {
            return false;
        }

        WriteOptionHeader(code, length);
        foreach (var address in addresses)
        {
            address.WriteTo(_buffer[_position..]);
            _position += Ipv6Address.Length;
        }

        return true;
    }

    /// <summary>Adds a Vendor Class with one item (RFC 8415 §21.16), e.g. enterprise 343 and <c>HTTPClient</c>.</summary>
    /// <param name="enterpriseNumber">The IANA enterprise number.</param>
    /// <param name="item">The class data item.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddVendorClass(uint enterpriseNumber, ReadOnlySpan<byte> item)
    {
        var length = 4 + 2 + item.Length;
        if (length > ushort.MaxValue || Remaining < L.OptionHeader + length)
        {
            return false;
        }

        WriteOptionHeader(Dhcp6OptionCode.VendorClass, length);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], enterpriseNumber);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_position + 4)..], (ushort)item.Length);
        item.CopyTo(_buffer[(_position + 6)..]);
        _position += length;
        return true;
    }

    /// <summary>Adds an option made of one length-prefixed item: User Class (RFC 8415 §21.15) or Boot File Parameters (RFC 5970 §3.2).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="item">The item.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddDataItem(Dhcp6OptionCode code, ReadOnlySpan<byte> item)
    {
        var length = 2 + item.Length;
        if (length > ushort.MaxValue || Remaining < L.OptionHeader + length)
        {
            return false;
        }

        WriteOptionHeader(code, length);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)item.Length);
        item.CopyTo(_buffer[(_position + 2)..]);
        _position += length;
        return true;
    }

    /// <summary>Adds Client System Architecture Type with one type (RFC 5970 §3.3).</summary>
    /// <param name="architecture">The architecture.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddClientArchitecture(ClientArchitecture architecture) =>
        TryAddUInt16Option(Dhcp6OptionCode.ClientArchitectureType, (ushort)architecture);

    /// <summary>Adds Client Network Interface Identifier (RFC 5970 §3.4).</summary>
    /// <param name="type">1 for UNDI.</param>
    /// <param name="major">The major version.</param>
    /// <param name="minor">The minor version.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddNetworkInterfaceId(byte type, byte major, byte minor) =>
        TryAddOption(Dhcp6OptionCode.NetworkInterfaceId, [type, major, minor]);

    /// <summary>Adds an Ethernet Client Link-Layer Address (RFC 6939 §4), as a relay next to the client does.</summary>
    /// <param name="address">The MAC address.</param>
    /// <returns>Whether it fitted.</returns>
    public bool TryAddClientLinkLayerAddress(MacAddress address)
    {
        Span<byte> value = stackalloc byte[2 + MacAddress.Length];
        BinaryPrimitives.WriteUInt16BigEndian(value, Dhcp6Duid.EthernetHardwareType);
        address.WriteTo(value[2..]);
        return TryAddOption(Dhcp6OptionCode.ClientLinkLayerAddress, value);
    }

    /// <summary>Adds an ASCII text option, e.g. the Boot File URL (RFC 5970 §3.1).</summary>
    /// <param name="code">The option code.</param>
    /// <param name="text">ASCII text.</param>
    /// <returns>Whether it is ASCII and fitted.</returns>
    public bool TryAddAsciiOption(Dhcp6OptionCode code, ReadOnlySpan<char> text)
    {
        if (!Ascii.IsValid(text) || text.Length > ushort.MaxValue || Remaining < L.OptionHeader + text.Length)
        {
            return false;
        }

        WriteOptionHeader(code, text.Length);
        Encoding.ASCII.GetBytes(text, _buffer[_position..]);
        _position += text.Length;
        return true;
    }

    /// <summary>Copies the first top-level option <paramref name="code"/> of <paramref name="message"/> verbatim (e.g. Client Identifier, Interface-Id).</summary>
    /// <param name="message">The message to copy from.</param>
    /// <param name="code">The option code.</param>
    /// <returns>Whether it fitted (true as well when the message has no such option).</returns>
    public bool TryEchoOption(in Dhcp6MessageReader message, Dhcp6OptionCode code) =>
        !message.TryGetOption(code, out var value) || TryAddOption(code, value);

    private void WriteOptionHeader(Dhcp6OptionCode code, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)code);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_position + 2)..], (ushort)length);
        _position += L.OptionHeader;
    }
}
