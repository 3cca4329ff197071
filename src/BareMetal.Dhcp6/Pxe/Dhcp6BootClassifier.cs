using BareMetal.Dhcp;

namespace BareMetal.Dhcp6;

/// <summary>
/// Decides whether a DHCPv6 message comes from network-boot firmware and which kind: Vendor Class (16, enterprise
/// 343, <c>PXEClient</c>/<c>HTTPClient</c>), User Class (15, <c>iPXE</c>), Client Architecture (61) and Network
/// Interface Identifier (62) of RFC 5970, the DUID, and RFC 6939's client link-layer address from relays.
/// Allocation-free; the IPv6 counterpart of <see cref="PxeClassifier"/>, whose architecture helpers it shares.
/// </summary>
public static class Dhcp6BootClassifier
{
    /// <summary>The IANA enterprise number of Intel, under which PXE and UEFI firmware send their vendor class (RFC 5970 §3.3 note, UEFI 2.x §24).</summary>
    public const uint IntelEnterpriseNumber = 343;

    /// <summary>Classifies a message as received: a client's, or a relay message wrapping one.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The firmware kind, architecture, identity and whether it is a boot request.</returns>
    public static Dhcp6BootClientInfo Classify(in Dhcp6MessageReader message)
    {
        // RFC 6939 §4: the relay next to the client (the innermost one) adds the client's link-layer address.
        MacAddress? mac = null;
        var relayCount = 0;
        var client = message;
        while (client.TryGetRelayMessage(out var inner))
        {
            if (client.TryGetClientLinkLayerMacAddress(out var relayed))
            {
                mac = relayed;
            }

            client = inner;
            relayCount++;
        }

        Guid? uuid = null;
        if (client.TryGetClientId(out var duid))
        {
            if (mac is null && duid.TryGetMacAddress(out var fromDuid))
            {
                mac = fromDuid;
            }

            if (duid.Type == Dhcp6DuidType.Uuid)
            {
                uuid = duid.Uuid;
            }
        }

        var hasVendorClass = client.TryGetVendorClass(out var enterprise, out var vendorItems);
        var isIntel = hasVendorClass && enterprise == IntelEnterpriseNumber;
        var isPxeClient = isIntel && vendorItems.AnyStartsWith("PXEClient"u8);
        var isHttpClient = isIntel && vendorItems.AnyStartsWith("HTTPClient"u8);

        // iPXE sends user class "iPXE" over DHCPv6 as over DHCPv4 (RFC 8415 §21.15 item layout).
        var hasUserClass = client.TryGetUserClass(out var userItems);
        var isIpxe = hasUserClass && userItems.Contains("iPXE"u8);

        var hasArchitecture = client.TryGetClientArchitecture(out var architecture)
            || (isIntel && TryVendorClassArchitecture(vendorItems, out architecture));
        client.TryGetNetworkInterfaceId(out _, out var undiMajor, out var undiMinor);

        FirmwareKind kind;
        if (isIpxe)
        {
            kind = FirmwareKind.Ipxe;
        }
        else if (isHttpClient)
        {
            kind = FirmwareKind.UefiHttp;
        }
        else if (isPxeClient)
        {
            // PXE over IPv6 exists only in UEFI firmware (RFC 5970 §1); a non-UEFI architecture is reported as sent.
            kind = hasArchitecture && !PxeClassifier.IsUefi(architecture) ? FirmwareKind.LegacyPxe : FirmwareKind.UefiPxe;
        }
        else
        {
            kind = FirmwareKind.NotPxe;
        }

        var type = client.MessageType;
        Dhcp6NotBootReason reason;
        if (type is Dhcp6MessageType.Advertise or Dhcp6MessageType.Reply or Dhcp6MessageType.Reconfigure or Dhcp6MessageType.RelayReply)
        {
            reason = Dhcp6NotBootReason.NotAClientMessage;
        }
        else if (type is not (Dhcp6MessageType.Solicit or Dhcp6MessageType.Request or Dhcp6MessageType.Renew
            or Dhcp6MessageType.Rebind or Dhcp6MessageType.InformationRequest))
        {
            reason = Dhcp6NotBootReason.NotAConfigurationRequest;
        }
        else if (kind == FirmwareKind.NotPxe)
        {
            reason = hasVendorClass ? Dhcp6NotBootReason.NotPxeVendorClass : Dhcp6NotBootReason.NoVendorClass;
        }
        else if (!hasArchitecture)
        {
            reason = Dhcp6NotBootReason.MissingArchitecture;
        }
        else
        {
            reason = Dhcp6NotBootReason.None;
        }

        return new Dhcp6BootClientInfo(kind, reason, type, relayCount, architecture, hasArchitecture, mac, uuid, undiMajor, undiMinor,
            client.IsOptionRequested(Dhcp6OptionCode.BootFileUrl));
    }

    private static bool TryVendorClassArchitecture(Dhcp6DataList items, out ClientArchitecture architecture)
    {
        foreach (var item in items)
        {
            if (PxeClassifier.TryParseVendorClassArchitecture(item, out architecture))
            {
                return true;
            }
        }

        architecture = default;
        return false;
    }
}
