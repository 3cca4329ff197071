namespace DhcpLoadGen;

/// <summary>Writes the simulated clients' DISCOVERs and REQUESTs into a caller's buffer (no allocation).</summary>
internal static class ClientPackets
{
    // PXE 2.1 §2.1: "PXEClient:Arch:xxxxx:UNDI:yyyzzz", here as EDK2 x64 UEFI sends it.
    private static ReadOnlySpan<byte> PxeVendorClass => "PXEClient:Arch:00007:UNDI:003000"u8;

    // Option 55 as dhclient asks: mask, router, DNS, host name, domain, broadcast, lease time, T1, T2.
    private static ReadOnlySpan<byte> Parameters => [1, 3, 6, 12, 15, 28, 51, 58, 59];

    // PXE firmware asks for the boot options as well (RFC 4578 §2.1): vendor options, boot server, boot file.
    private static ReadOnlySpan<byte> PxeParameters => [1, 3, 6, 43, 60, 66, 67, 93, 94, 97, 128, 129, 130];

    /// <summary>The MAC of client <paramref name="slot"/>: locally administered 02, the run id, then the slot number.</summary>
    public static void WriteMac(Span<byte> mac, byte runId, int slot)
    {
        mac[0] = 0x02;
        mac[1] = runId;
        mac[2] = (byte)(slot >> 24);
        mac[3] = (byte)(slot >> 16);
        mac[4] = (byte)(slot >> 8);
        mac[5] = (byte)slot;
    }

    public static int Discover(Span<byte> buffer, LoadMode mode, Ipv4Address relay, uint xid, ReadOnlySpan<byte> mac)
    {
        var writer = Start(buffer, DhcpMessageType.Discover, mode, relay, xid, mac);
        if (mode == LoadMode.Proxy)
        {
            Span<byte> uuid = stackalloc byte[17];
            uuid.Clear();
            mac.CopyTo(uuid[11..]);
            Check(writer.TryAddOption(DhcpOptionCode.ParameterRequestList, PxeParameters)
                && writer.TryAddOption(DhcpOptionCode.VendorClassIdentifier, PxeVendorClass)
                && writer.TryAddUInt16Option(DhcpOptionCode.ClientSystemArchitecture, 7) // RFC 4578 §2.1: x64 UEFI
                && writer.TryAddOption(DhcpOptionCode.ClientNetworkInterface, [1, 3, 0]) // RFC 4578 §2.2: UNDI 3.0
                && writer.TryAddOption(DhcpOptionCode.ClientMachineIdentifier, uuid)); // RFC 4578 §2.3: type 0 + GUID
        }
        else
        {
            Check(writer.TryAddOption(DhcpOptionCode.ParameterRequestList, Parameters));
        }

        Check(writer.TryComplete(out var length));
        return length;
    }

    /// <summary>RFC 2131 §4.3.2 SELECTING: requested address (50) and the chosen server (54), ciaddr zero.</summary>
    public static int Request(Span<byte> buffer, LoadMode mode, Ipv4Address relay, uint xid, ReadOnlySpan<byte> mac, Ipv4Address offered, Ipv4Address server)
    {
        var writer = Start(buffer, DhcpMessageType.Request, mode, relay, xid, mac);
        Check(writer.TryAddAddressOption(DhcpOptionCode.RequestedIpAddress, offered)
            && writer.TryAddAddressOption(DhcpOptionCode.ServerIdentifier, server)
            && writer.TryAddOption(DhcpOptionCode.ParameterRequestList, Parameters));
        Check(writer.TryComplete(out var length));
        return length;
    }

    private static DhcpMessageWriter Start(Span<byte> buffer, DhcpMessageType type, LoadMode mode, Ipv4Address relay, uint xid, ReadOnlySpan<byte> mac)
    {
        var writer = new DhcpMessageWriter(buffer);
        Check(writer.TryStartMessage(DhcpOpcode.BootRequest, type, xid, 1, mac));

        // RFC 2131 §4.1: the broadcast flag makes every server broadcast its reply, so simulated MACs that no NIC
        // owns still receive it (Kea would otherwise unicast to yiaddr at chaddr, which the veth drops).
        writer.Flags = 0x8000;
        if (mode == LoadMode.Relay)
        {
            // RFC 1542 §4.1.1: the relay fills giaddr and counts the hop.
            writer.GatewayAddress = relay;
            writer.Hops = 1;
        }

        return writer;
    }

    private static void Check(bool written)
    {
        if (!written)
        {
            throw new InvalidOperationException("a client packet did not fit its 1,500-byte buffer");
        }
    }
}
