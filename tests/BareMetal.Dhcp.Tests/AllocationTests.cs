namespace BareMetal.Dhcp.Tests;

/// <summary>Zero-allocation guards for the hot path, measured with GC.GetAllocatedBytesForCurrentThread().</summary>
public class AllocationTests
{
    private static readonly Ipv4Address Server = new(192, 0, 2, 1);

    private static int ParseClassifyAndOffer(byte[] discover, byte[] reply)
    {
        if (!DhcpMessageReader.TryParse(discover, out var request, out _))
        {
            return -1;
        }

        var info = PxeClassifier.Classify(request);
        var writer = new DhcpMessageWriter(reply);
        if (!info.IsBootRequest || !writer.TryStartReply(request, DhcpMessageType.Offer, Server))
        {
            return -2;
        }

        writer.ServerAddress = Server;
        writer.TrySetBootFileName("undionly.kpxe"u8);
        writer.TryAddAsciiOption(DhcpOptionCode.VendorClassIdentifier, "PXEClient");
        writer.TryAddPxeDiscoveryControl(PxeDiscoveryControl.UseBootFileFromReply);
        writer.TryEchoOption(request, DhcpOptionCode.ClientMachineIdentifier);
        return writer.TryComplete(out var written) ? written : -3;
    }

    [Fact]
    public void ParseClassifyAndWriteOffer_CapturedIpxeDiscover_AllocatesNothing()
    {
        var discover = Captures.Frame(Captures.BiosIpxe, 1);
        var reply = new byte[1500];
        Assert.True(ParseClassifyAndOffer(discover, reply) >= 300); // warm-up: JIT and static initialisation

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            total += ParseClassifyAndOffer(discover, reply);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(total > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FiveOptionLookups_CapturedDiscover_AllocateNothing()
    {
        var discover = Captures.Frame(Captures.UefiEdk2Ipxe, 5);
        static int Lookups(byte[] packet)
        {
            if (!DhcpMessageReader.TryParse(packet, out var reader, out _))
            {
                return -1;
            }

            var n = 0;
            n += reader.TryGetVendorClassIdentifier(out var v) ? v.Length : 0;
            n += reader.TryGetClientArchitecture(out var a) ? (int)a : 0;
            n += reader.TryGetMaximumMessageSize(out var m) ? m : 0;
            n += reader.TryGetClientMachineIdentifier(out _) ? 1 : 0;
            n += reader.TryGetUserClass(out var u) ? u.Length : 0;
            return n;
        }

        Lookups(discover);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            total += Lookups(discover);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(total > 0);
    }
}
