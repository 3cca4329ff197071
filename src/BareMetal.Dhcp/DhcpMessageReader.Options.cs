using System.Buffers.Binary;

namespace BareMetal.Dhcp;

/// <summary>Option lookup and typed accessors.</summary>
public readonly ref partial struct DhcpMessageReader
{
    /// <summary>Whether the message carries option <paramref name="code"/> (answered from a bitmap, no scan).</summary>
    /// <param name="code">The option code.</param>
    /// <returns>Whether at least one instance is present.</returns>
    public bool ContainsOption(DhcpOptionCode code) => _present.Contains((byte)code);

    /// <summary>Whether option <paramref name="code"/> appears more than once, i.e. was split per RFC 3396.</summary>
    /// <param name="code">The option code.</param>
    /// <returns>Whether there are several instances to concatenate.</returns>
    public bool IsOptionSplit(DhcpOptionCode code) => _repeated.Contains((byte)code);

    /// <summary>
    /// Finds option <paramref name="code"/> when it is carried in one piece, the usual case, and returns a view
    /// of its value without copying.
    /// </summary>
    /// <remarks>
    /// An option the sender split into several instances (RFC 3396) has no contiguous value: this overload
    /// returns <c>false</c> for it (<see cref="IsOptionSplit"/> tells), and
    /// <see cref="TryGetOption(DhcpOptionCode, Span{byte}, out ReadOnlySpan{byte})"/> or
    /// <see cref="TryCopyOption"/> concatenate it into a caller's buffer.
    /// </remarks>
    /// <param name="code">The option code.</param>
    /// <param name="value">The value bytes, or empty.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetOption(DhcpOptionCode code, out ReadOnlySpan<byte> value)
    {
        if (!_present.Contains((byte)code) || _repeated.Contains((byte)code))
        {
            value = default;
            return false;
        }

        if (_index.IsComplete)
        {
            // Offsets recorded by TryParse, already bounds-checked: jump straight to the option.
            for (var i = 0; i < _index.Count; i++)
            {
                int offset = _index[i];
                if (_packet[offset] == (byte)code)
                {
                    value = _packet.Slice(offset + 2, _packet[offset + 1]);
                    return true;
                }
            }
        }
        else
        {
            foreach (var option in GetOptions())
            {
                if (option.Code == code)
                {
                    value = option.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Finds option <paramref name="code"/>: a view of the packet when it is in one piece, otherwise its RFC 3396
    /// concatenation written into <paramref name="scratch"/>.
    /// </summary>
    /// <param name="code">The option code.</param>
    /// <param name="scratch">Where a split option is concatenated (unused for a single instance).</param>
    /// <param name="value">The whole value, or empty.</param>
    /// <returns>Whether the option is present and, when split, fits in <paramref name="scratch"/>.</returns>
    public bool TryGetOption(DhcpOptionCode code, Span<byte> scratch, out ReadOnlySpan<byte> value)
    {
        if (!_repeated.Contains((byte)code))
        {
            return TryGetOption(code, out value);
        }

        if (TryCopyOption(code, scratch, out var length))
        {
            value = scratch[..length];
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The total value length of option <paramref name="code"/>, all instances added (RFC 3396 §6), or -1 when
    /// absent. A message of at most 64 KiB bounds the total, so concatenation can never be unbounded.
    /// </summary>
    /// <param name="code">The option code.</param>
    /// <returns>The length in bytes, or -1.</returns>
    public int GetOptionLength(DhcpOptionCode code)
    {
        if (!_present.Contains((byte)code))
        {
            return -1;
        }

        var total = 0;
        foreach (var option in GetOptions())
        {
            if (option.Code == code)
            {
                total += option.Value.Length;
            }
        }

        return total;
    }

    /// <summary>
    /// Concatenates every instance of option <paramref name="code"/> in wire order into
    /// <paramref name="destination"/> (RFC 3396 §6: options, then <c>file</c>, then <c>sname</c>).
    /// </summary>
    /// <param name="code">The option code.</param>
    /// <param name="destination">Where to write the value.</param>
    /// <param name="length">The bytes written; when the destination is too short, the length it would need.</param>
    /// <returns>Whether the option is present and fitted; nothing counts as written otherwise.</returns>
    public bool TryCopyOption(DhcpOptionCode code, Span<byte> destination, out int length)
    {
        length = GetOptionLength(code);
        if (length < 0)
        {
            length = 0;
            return false;
        }

        if (length > destination.Length)
        {
            return false;
        }

        var written = 0;
        foreach (var option in GetOptions())
        {
            if (option.Code == code)
            {
                option.Value.CopyTo(destination[written..]);
                written += option.Value.Length;
            }
        }

        return true;
    }

    /// <summary>Option 50, requested IP address (RFC 2132 §9.1).</summary>
    /// <param name="address">The address.</param>
    /// <returns>Whether the option is present with exactly four bytes.</returns>
    public bool TryGetRequestedIpAddress(out Ipv4Address address) => TryGetAddress(DhcpOptionCode.RequestedIpAddress, out address);

    /// <summary>Option 54, server identifier (RFC 2132 §9.7).</summary>
    /// <param name="address">The address.</param>
    /// <returns>Whether the option is present with exactly four bytes.</returns>
    public bool TryGetServerIdentifier(out Ipv4Address address) => TryGetAddress(DhcpOptionCode.ServerIdentifier, out address);

    /// <summary>Option 1, subnet mask (RFC 2132 §3.3).</summary>
    /// <param name="mask">The mask.</param>
    /// <returns>Whether the option is present with exactly four bytes.</returns>
    public bool TryGetSubnetMask(out Ipv4Address mask) => TryGetAddress(DhcpOptionCode.SubnetMask, out mask);

    /// <summary>Option 51, lease time in seconds (RFC 2132 §9.2); 0xFFFFFFFF means infinite.</summary>
    /// <param name="seconds">The lease time.</param>
    /// <returns>Whether the option is present with exactly four bytes.</returns>
    public bool TryGetLeaseTime(out uint seconds) => TryGetUInt32(DhcpOptionCode.IpAddressLeaseTime, out seconds);

    /// <summary>Option 58, renewal (T1) time in seconds (RFC 2132 §9.11).</summary>
    /// <param name="seconds">The renewal time.</param>
    /// <returns>Whether the option is present with exactly four bytes.</returns>
    public bool TryGetRenewalTime(out uint seconds) => TryGetUInt32(DhcpOptionCode.RenewalTime, out seconds);

    /// <summary>Option 59, rebinding (T2) time in seconds (RFC 2132 §9.12).</summary>
    /// <param name="seconds">The rebinding time.</param>
    /// <returns>Whether the option is present with exactly four bytes.</returns>
    public bool TryGetRebindingTime(out uint seconds) => TryGetUInt32(DhcpOptionCode.RebindingTime, out seconds);

    /// <summary>Option 57, the largest DHCP message the client accepts, IP and UDP headers included (RFC 2132 §9.10).</summary>
    /// <param name="size">The size as sent (values below 576 are illegal; writers treat them as 576).</param>
    /// <returns>Whether the option is present.</returns>
    public bool TryGetMaximumMessageSize(out ushort size)
    {
        // Validated at parse time: exactly two bytes.
        if (TryGetOption(DhcpOptionCode.MaximumMessageSize, out var value))
        {
            size = BinaryPrimitives.ReadUInt16BigEndian(value);
            return true;
        }

        size = 0;
        return false;
    }

    /// <summary>Option 55, the option codes the client asks for, in its order of preference (RFC 2132 §9.8).</summary>
    /// <param name="codes">One byte per requested option code.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetParameterRequestList(out ReadOnlySpan<byte> codes) => TryGetOption(DhcpOptionCode.ParameterRequestList, out codes);

    /// <summary>Whether option 55 asks for <paramref name="code"/>.</summary>
    /// <param name="code">The option code.</param>
    /// <returns>Whether the client requested it.</returns>
    public bool IsParameterRequested(DhcpOptionCode code) =>
        TryGetParameterRequestList(out var codes) && codes.Contains((byte)code);

    /// <summary>Option 60, vendor class identifier, e.g. <c>PXEClient:Arch:00000:UNDI:002001</c> (RFC 2132 §9.13).</summary>
    /// <param name="value">The ASCII bytes.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetVendorClassIdentifier(out ReadOnlySpan<byte> value) => TryGetOption(DhcpOptionCode.VendorClassIdentifier, out value);

    /// <summary>Option 61, client identifier: a type byte then the identifier (RFC 2132 §9.14).</summary>
    /// <param name="value">The whole value, type byte included.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetClientIdentifier(out ReadOnlySpan<byte> value) => TryGetOption(DhcpOptionCode.ClientIdentifier, out value);

    /// <summary>Option 12, host name (RFC 2132 §3.14).</summary>
    /// <param name="value">The name bytes.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetHostName(out ReadOnlySpan<byte> value) => TryGetOption(DhcpOptionCode.HostName, out value);

    /// <summary>Option 66, TFTP server name (RFC 2132 §9.4).</summary>
    /// <param name="value">The name bytes.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetTftpServerName(out ReadOnlySpan<byte> value) => TryGetOption(DhcpOptionCode.TftpServerName, out value);

    /// <summary>Option 67, boot file name (RFC 2132 §9.5); compare <see cref="BootFileName"/> for the fixed field.</summary>
    /// <param name="value">The name bytes (a trailing NUL, if the sender added one, is kept).</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetBootFileNameOption(out ReadOnlySpan<byte> value) => TryGetOption(DhcpOptionCode.BootFileName, out value);

    /// <summary>Option 77, user class, raw (RFC 3004 list, or iPXE's plain string); see <see cref="UserClassReader"/>.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetUserClass(out ReadOnlySpan<byte> value) => TryGetOption(DhcpOptionCode.UserClass, out value);

    /// <summary>Option 93, the first client system architecture type (RFC 4578 §2.1).</summary>
    /// <param name="architecture">The architecture (any IANA value, known to the enum or not).</param>
    /// <returns>Whether the option is present with at least two bytes.</returns>
    public bool TryGetClientArchitecture(out ClientArchitecture architecture)
    {
        if (TryGetOption(DhcpOptionCode.ClientSystemArchitecture, out var value) && value.Length >= 2)
        {
            architecture = (ClientArchitecture)BinaryPrimitives.ReadUInt16BigEndian(value);
            return true;
        }

        architecture = default;
        return false;
    }

    /// <summary>Option 93, every architecture type listed, two bytes each (RFC 4578 §2.1).</summary>
    /// <param name="value">The raw list.</param>
    /// <returns>Whether the option is present with a whole number of entries.</returns>
    public bool TryGetClientArchitectures(out ReadOnlySpan<byte> value) =>
        TryGetOption(DhcpOptionCode.ClientSystemArchitecture, out value) && value.Length % 2 == 0;

    /// <summary>Option 94, client network interface identifier: type 1 (UNDI) and its version (RFC 4578 §2.2).</summary>
    /// <param name="type">The interface type, 1 for UNDI.</param>
    /// <param name="major">The UNDI major version.</param>
    /// <param name="minor">The UNDI minor version.</param>
    /// <returns>Whether the option is present with exactly three bytes.</returns>
    public bool TryGetClientNetworkInterface(out byte type, out byte major, out byte minor)
    {
        if (TryGetOption(DhcpOptionCode.ClientNetworkInterface, out var value) && value.Length == 3)
        {
            (type, major, minor) = (value[0], value[1], value[2]);
            return true;
        }

        (type, major, minor) = (0, 0, 0);
        return false;
    }

    /// <summary>
    /// Option 97, client machine identifier: type 0 and a 16-byte UUID (RFC 4578 §2.3). The bytes are read in
    /// the SMBIOS/EFI GUID order (the first three fields little-endian), which is how PXE firmware fills them.
    /// </summary>
    /// <param name="uuid">The machine UUID.</param>
    /// <returns>Whether the option is present as 17 bytes with type 0.</returns>
    public bool TryGetClientMachineIdentifier(out Guid uuid)
    {
        if (TryGetOption(DhcpOptionCode.ClientMachineIdentifier, out var value) && value.Length == 17 && value[0] == 0)
        {
            uuid = new Guid(value[1..]);
            return true;
        }

        uuid = default;
        return false;
    }

    /// <summary>Option 43, vendor-specific information, as sub-options (RFC 2132 §8.4; PXE 2.1 for PXEClient).</summary>
    /// <param name="options">The sub-options.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetVendorOptions(out PxeVendorOptions options)
    {
        var found = TryGetOption(DhcpOptionCode.VendorSpecificInformation, out var value);
        options = new PxeVendorOptions(value);
        return found;
    }

    /// <summary>Option 82, relay agent information, as sub-options (RFC 3046).</summary>
    /// <param name="information">The sub-options.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetRelayAgentInformation(out RelayAgentInformation information)
    {
        var found = TryGetOption(DhcpOptionCode.RelayAgentInformation, out var value);
        information = new RelayAgentInformation(value);
        return found;
    }

    /// <summary>Option 175, iPXE's encapsulated options (feature flags, bus id, version).</summary>
    /// <param name="options">The sub-options.</param>
    /// <returns>Whether the option is present in one piece.</returns>
    public bool TryGetIpxeOptions(out IpxeEncapsulatedOptions options)
    {
        var found = TryGetOption(DhcpOptionCode.IpxeEncapsulated, out var value);
        options = new IpxeEncapsulatedOptions(value);
        return found;
    }

    private bool TryGetAddress(DhcpOptionCode code, out Ipv4Address address)
    {
        if (TryGetOption(code, out var value) && value.Length == 4)
        {
            address = Ipv4Address.Read(value);
            return true;
        }

        address = default;
        return false;
    }

    private bool TryGetUInt32(DhcpOptionCode code, out uint number)
    {
        if (TryGetOption(code, out var value) && value.Length == 4)
        {
            number = BinaryPrimitives.ReadUInt32BigEndian(value);
            return true;
        }

        number = 0;
        return false;
    }
}
