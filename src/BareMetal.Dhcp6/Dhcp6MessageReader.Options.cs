using System.Buffers.Binary;
using BareMetal.Dhcp;

namespace BareMetal.Dhcp6;

public readonly ref partial struct Dhcp6MessageReader
{
    /// <summary>The value of the first top-level option with <paramref name="code"/>.</summary>
    /// <param name="code">The option code.</param>
    /// <param name="value">A view of its value.</param>
    /// <returns>Whether the message has the option.</returns>
    public bool TryGetOption(Dhcp6OptionCode code, out ReadOnlySpan<byte> value) => Dhcp6OptionEnumerator.TryFind(OptionBytes, code, out value);

    /// <summary>Whether the message has a top-level option with <paramref name="code"/>.</summary>
    /// <param name="code">The option code.</param>
    /// <returns>Whether it is present.</returns>
    public bool HasOption(Dhcp6OptionCode code) => TryGetOption(code, out _);

    /// <summary>Client Identifier (RFC 8415 §21.2).</summary>
    /// <param name="duid">The client's DUID.</param>
    /// <returns>Whether the message has one.</returns>
    public bool TryGetClientId(out Dhcp6Duid duid) => TryGetDuid(Dhcp6OptionCode.ClientId, out duid);

    /// <summary>Server Identifier (RFC 8415 §21.3).</summary>
    /// <param name="duid">The server's DUID.</param>
    /// <returns>Whether the message has one.</returns>
    public bool TryGetServerId(out Dhcp6Duid duid) => TryGetDuid(Dhcp6OptionCode.ServerId, out duid);

    /// <summary>Elapsed Time (RFC 8415 §21.9).</summary>
    /// <param name="hundredths">Hundredths of a second since the client began this exchange (0xFFFF: longer).</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetElapsedTime(out ushort hundredths)
    {
        var found = TryGetOption(Dhcp6OptionCode.ElapsedTime, out var value);
        hundredths = found ? BinaryPrimitives.ReadUInt16BigEndian(value) : (ushort)0;
        return found;
    }

    /// <summary>Preference (RFC 8415 §21.8).</summary>
    /// <param name="preference">0-255; 255 makes a client pick this server at once.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetPreference(out byte preference)
    {
        var found = TryGetOption(Dhcp6OptionCode.Preference, out var value);
        preference = found ? value[0] : (byte)0;
        return found;
    }

    /// <summary>Whether the client asks for the two-message exchange (Rapid Commit, RFC 8415 §21.14, §18.2.1).</summary>
    public bool HasRapidCommit => HasOption(Dhcp6OptionCode.RapidCommit);

    /// <summary>Whether the client accepts Reconfigure messages (RFC 8415 §21.20).</summary>
    public bool HasReconfigureAccept => HasOption(Dhcp6OptionCode.ReconfigureAccept);

    /// <summary>The Option Request Option's codes (RFC 8415 §21.7): 2 bytes each, big-endian.</summary>
    /// <param name="codes">The raw list.</param>
    /// <returns>Whether the message has one.</returns>
    public bool TryGetOptionRequest(out ReadOnlySpan<byte> codes) => TryGetOption(Dhcp6OptionCode.OptionRequest, out codes);

    /// <summary>Whether the Option Request Option names <paramref name="code"/>.</summary>
    /// <param name="code">The option code.</param>
    /// <returns>Whether the client asked for it.</returns>
    public bool IsOptionRequested(Dhcp6OptionCode code)
    {
        if (!TryGetOptionRequest(out var codes))
        {
            return false;
        }

        for (var i = 0; i + 1 < codes.Length; i += 2)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(codes[i..]) == (ushort)code)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The top-level Status Code (RFC 8415 §21.13).</summary>
    /// <param name="status">The code.</param>
    /// <param name="message">The UTF-8 message.</param>
    /// <returns>Whether the message has one.</returns>
    public bool TryGetStatusCode(out Dhcp6StatusCode status, out ReadOnlySpan<byte> message) => TryReadStatusCode(OptionBytes, out status, out message);

    /// <summary>User Class (RFC 8415 §21.15); iPXE sends the item <c>iPXE</c>.</summary>
    /// <param name="items">The class items.</param>
    /// <returns>Whether the message has one.</returns>
    public bool TryGetUserClass(out Dhcp6DataList items)
    {
        var found = TryGetOption(Dhcp6OptionCode.UserClass, out var value);
        items = new Dhcp6DataList(value);
        return found;
    }

    /// <summary>Vendor Class (RFC 8415 §21.16); UEFI firmware sends enterprise 343 with <c>PXEClient:...</c> or <c>HTTPClient:...</c>.</summary>
    /// <param name="enterpriseNumber">The IANA enterprise number (343 is Intel).</param>
    /// <param name="items">The vendor class items.</param>
    /// <returns>Whether the message has one.</returns>
    public bool TryGetVendorClass(out uint enterpriseNumber, out Dhcp6DataList items)
    {
        if (TryGetOption(Dhcp6OptionCode.VendorClass, out var value))
        {
            enterpriseNumber = BinaryPrimitives.ReadUInt32BigEndian(value);
            items = new Dhcp6DataList(value[4..]);
            return true;
        }

        enterpriseNumber = 0;
        items = default;
        return false;
    }

    /// <summary>Client System Architecture Type (RFC 5970 §3.3): every type, 2 bytes each.</summary>
    /// <param name="types">The raw list.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetClientArchitectures(out ReadOnlySpan<byte> types) => TryGetOption(Dhcp6OptionCode.ClientArchitectureType, out types);

    /// <summary>The first (preferred) type of option 61 (RFC 5970 §3.3), in the IANA registry v4 option 93 shares.</summary>
    /// <param name="architecture">The architecture.</param>
    /// <returns>Whether the message has option 61.</returns>
    public bool TryGetClientArchitecture(out ClientArchitecture architecture)
    {
        var found = TryGetClientArchitectures(out var types);
        architecture = found ? (ClientArchitecture)BinaryPrimitives.ReadUInt16BigEndian(types) : default;
        return found;
    }

    /// <summary>Client Network Interface Identifier (RFC 5970 §3.4).</summary>
    /// <param name="type">1 for UNDI.</param>
    /// <param name="major">The major version.</param>
    /// <param name="minor">The minor version.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetNetworkInterfaceId(out byte type, out byte major, out byte minor)
    {
        var found = TryGetOption(Dhcp6OptionCode.NetworkInterfaceId, out var value);
        type = found ? value[0] : (byte)0;
        major = found ? value[1] : (byte)0;
        minor = found ? value[2] : (byte)0;
        return found;
    }

    /// <summary>Boot File URL (RFC 5970 §3.1), e.g. <c>tftp://[2001:db8::1]/snponly.efi</c>.</summary>
    /// <param name="url">The URL's bytes.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetBootFileUrl(out ReadOnlySpan<byte> url) => TryGetOption(Dhcp6OptionCode.BootFileUrl, out url);

    /// <summary>Boot File Parameters (RFC 5970 §3.2).</summary>
    /// <param name="parameters">The parameter items.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetBootFileParameters(out Dhcp6DataList parameters)
    {
        var found = TryGetOption(Dhcp6OptionCode.BootFileParameters, out var value);
        parameters = new Dhcp6DataList(value);
        return found;
    }

    /// <summary>DNS Recursive Name Servers (RFC 3646 §3).</summary>
    /// <param name="addresses">The addresses, 16 bytes each; read one with <see cref="Ipv6Address.Read(ReadOnlySpan{byte})"/>.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetDnsServers(out ReadOnlySpan<byte> addresses) => TryGetOption(Dhcp6OptionCode.DnsServers, out addresses);

    /// <summary>Domain Search List (RFC 3646 §4): encoded names; read them with <see cref="Dhcp6DomainName"/>.</summary>
    /// <param name="names">The encoded names.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetDomainSearchList(out ReadOnlySpan<byte> names) => TryGetOption(Dhcp6OptionCode.DomainSearchList, out names);

    /// <summary>Interface-Id, set by a relay agent (RFC 8415 §21.18).</summary>
    /// <param name="interfaceId">The opaque identifier.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetInterfaceId(out ReadOnlySpan<byte> interfaceId) => TryGetOption(Dhcp6OptionCode.InterfaceId, out interfaceId);

    /// <summary>Client Link-Layer Address, added by a relay next to the client (RFC 6939 §4).</summary>
    /// <param name="linkLayerType">The hardware type (1 for Ethernet).</param>
    /// <param name="address">The link-layer address.</param>
    /// <returns>Whether the message has it.</returns>
    public bool TryGetClientLinkLayerAddress(out ushort linkLayerType, out ReadOnlySpan<byte> address)
    {
        if (TryGetOption(Dhcp6OptionCode.ClientLinkLayerAddress, out var value))
        {
            linkLayerType = BinaryPrimitives.ReadUInt16BigEndian(value);
            address = value[2..];
            return true;
        }

        linkLayerType = 0;
        address = default;
        return false;
    }

    /// <summary>The Ethernet MAC of an RFC 6939 Client Link-Layer Address (type 1, 6 bytes).</summary>
    /// <param name="address">The MAC address.</param>
    /// <returns>Whether the message carries an Ethernet one.</returns>
    public bool TryGetClientLinkLayerMacAddress(out MacAddress address)
    {
        if (TryGetClientLinkLayerAddress(out var type, out var bytes) && type == Dhcp6Duid.EthernetHardwareType && bytes.Length == MacAddress.Length)
        {
            address = MacAddress.Read(bytes);
            return true;
        }

        address = default;
        return false;
    }

    private bool TryGetDuid(Dhcp6OptionCode code, out Dhcp6Duid duid)
    {
        duid = default;
        return TryGetOption(code, out var value) && Dhcp6Duid.TryRead(value, out duid);
    }
}
