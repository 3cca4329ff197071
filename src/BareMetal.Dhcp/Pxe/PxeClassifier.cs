namespace BareMetal.Dhcp;

/// <summary>
/// Decides whether a request comes from network-boot firmware and which kind (pixiecore-style small pure
/// function): option 53 (RFC 2132 §9.6), 60 (<c>PXEClient</c>/<c>HTTPClient</c>), 77 (RFC 3004 / iPXE), 93, 94, 97
/// (RFC 4578) and 175 (iPXE). Allocation-free.
/// </summary>
public static class PxeClassifier
{
    /// <summary>Classifies a parsed request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The firmware kind, architecture, UUID, iPXE features and whether it is a boot request.</returns>
    public static PxeClientInfo Classify(in DhcpMessageReader request)
    {
        var mac = request.ClientMacAddress;
        var messageType = request.MessageType;

        // A vendor class split per RFC 3396 is concatenated into the stack; a single one is a view of the packet.
        Span<byte> scratch = request.IsOptionSplit(DhcpOptionCode.VendorClassIdentifier) ? stackalloc byte[1024] : default;
        var hasVendorClass = request.TryGetOption(DhcpOptionCode.VendorClassIdentifier, scratch, out var vendorClass);
        var isPxeClient = hasVendorClass && vendorClass.StartsWith("PXEClient"u8);
        var isHttpClient = hasVendorClass && vendorClass.StartsWith("HTTPClient"u8);

        // iPXE marks itself with option 175 and, by default, user class "iPXE" (plain string, not RFC 3004).
        var hasUserClass = request.TryGetUserClass(out var userClass);
        var userClassIsIpxe = hasUserClass && UserClassReader.Contains(userClass, "iPXE"u8);
        var hasIpxeOptions = request.TryGetIpxeOptions(out var ipxeOptions);
        var ipxeFeatures = hasIpxeOptions ? ipxeOptions.Features : IpxeFeatures.None;

        var hasArchitecture = request.TryGetClientArchitecture(out var architecture)
            || (hasVendorClass && TryParseVendorClassArchitecture(vendorClass, out architecture));

        Guid? uuid = request.TryGetClientMachineIdentifier(out var guid) ? guid : null;
        request.TryGetClientNetworkInterface(out _, out var undiMajor, out var undiMinor);

        FirmwareKind kind;
        if (hasIpxeOptions || userClassIsIpxe)
        {
            kind = hasUserClass && !userClassIsIpxe ? FirmwareKind.IpxeCustomUserClass : FirmwareKind.Ipxe;
        }
        else if (isHttpClient)
        {
            kind = FirmwareKind.UefiHttp;
        }
        else if (isPxeClient)
        {
            kind = hasArchitecture && IsUefi(architecture) ? FirmwareKind.UefiPxe : FirmwareKind.LegacyPxe;
        }
        else
        {
            kind = FirmwareKind.NotPxe;
        }

        PxeNotBootReason reason;
        if (request.Op != DhcpOpcode.BootRequest)
        {
            reason = PxeNotBootReason.NotARequest;
        }
        else if (messageType is not (DhcpMessageType.Discover or DhcpMessageType.Request))
        {
            reason = PxeNotBootReason.NotDiscoverOrRequest;
        }
        else if (kind == FirmwareKind.NotPxe)
        {
            reason = hasVendorClass ? PxeNotBootReason.NotPxeVendorClass : PxeNotBootReason.NoVendorClass;
        }
        else if (!hasArchitecture)
        {
            reason = PxeNotBootReason.MissingArchitecture;
        }
        else
        {
            reason = PxeNotBootReason.None;
        }

        return new PxeClientInfo(kind, reason, messageType, mac, architecture, hasArchitecture, uuid, undiMajor, undiMinor, ipxeFeatures);
    }

    /// <summary>Whether an architecture type is a UEFI one (PXE or HTTP variant).</summary>
    /// <param name="architecture">The option 93 value.</param>
    /// <returns>Whether the firmware is UEFI.</returns>
    public static bool IsUefi(ClientArchitecture architecture) => architecture switch
    {
        ClientArchitecture.Itanium or ClientArchitecture.X86Uefi or ClientArchitecture.X64Uefi
            or ClientArchitecture.EfiXscale or ClientArchitecture.Ebc or ClientArchitecture.Arm32Uefi
            or ClientArchitecture.Arm64Uefi => true,
        >= ClientArchitecture.X86UefiHttp and <= ClientArchitecture.Arm64UefiHttp => true,
        >= ClientArchitecture.RiscV32Uefi and <= ClientArchitecture.RiscV128UefiHttp => true,
        >= ClientArchitecture.Mips32Uefi and <= ClientArchitecture.LoongArch64UefiHttp => true,
        _ => false,
    };

    /// <summary>Whether an architecture type is one of the "boot from HTTP" values.</summary>
    /// <param name="architecture">The option 93 value.</param>
    /// <returns>Whether the client expects an HTTP URL.</returns>
    public static bool IsHttpArchitecture(ClientArchitecture architecture) => architecture is
        (>= ClientArchitecture.X86UefiHttp and <= ClientArchitecture.PcBiosHttp)
        or ClientArchitecture.Arm32UbootHttp or ClientArchitecture.Arm64UbootHttp
        or ClientArchitecture.RiscV32UefiHttp or ClientArchitecture.RiscV64UefiHttp
        or ClientArchitecture.RiscV128UefiHttp or ClientArchitecture.LoongArch32UefiHttp
        or ClientArchitecture.LoongArch64UefiHttp;

    /// <summary>
    /// Reads the architecture from a vendor class such as <c>PXEClient:Arch:00007:UNDI:003000</c> (PXE 2.1 §2.4.1):
    /// exactly five decimal digits after <c>:Arch:</c>.
    /// </summary>
    /// <param name="vendorClass">Option 60's value.</param>
    /// <param name="architecture">The architecture.</param>
    /// <returns>Whether the field is present and well formed.</returns>
    public static bool TryParseVendorClassArchitecture(ReadOnlySpan<byte> vendorClass, out ClientArchitecture architecture)
    {
        architecture = default;
        var at = vendorClass.IndexOf(":Arch:"u8);
        if (at < 0 || vendorClass.Length < at + 11)
        {
            return false;
        }

        var digits = vendorClass.Slice(at + 6, 5);
        var value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        if (value > ushort.MaxValue || (vendorClass.Length > at + 11 && vendorClass[at + 11] != (byte)':'))
        {
            return false;
        }

        architecture = (ClientArchitecture)value;
        return true;
    }
}
