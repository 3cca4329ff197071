namespace BareMetal.Dhcp6.Tests;

/// <summary>Zero-allocation guards for the hot path, measured with GC.GetAllocatedBytesForCurrentThread().</summary>
public class AllocationTests
{
    private static readonly byte[] ServerDuid = [0, 3, 0, 1, 2, 0, 0, 0x24, 0, 1];
    private static readonly Ipv6Address Offered = Ipv6Address.Parse("2001:db8:24::100");

    private static int ParseClassifyAndAdvertise(byte[] solicit, byte[] reply)
    {
        if (!Dhcp6MessageReader.TryParse(solicit, out var message, out _))
        {
            return -1;
        }

        var info = Dhcp6BootClassifier.Classify(message);
        var client = message.GetInnermostMessage(out _);
        var writer = new Dhcp6MessageWriter(reply);
        if (!info.IsBootRequest || !writer.TryWriteHeader(Dhcp6MessageType.Advertise, client.TransactionId)
            || !writer.TryEchoOption(client, Dhcp6OptionCode.ClientId) || !writer.TryAddDuid(Dhcp6OptionCode.ServerId, ServerDuid))
        {
            return -2;
        }

        foreach (var option in client.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia) && ia.Kind == Dhcp6OptionCode.IaNa
                && (!writer.TryBeginIdentityAssociation(Dhcp6OptionCode.IaNa, ia.Iaid, 1000, 2000, out var scope)
                    || !writer.TryAddIaAddress(Offered, 3000, 4000) || !writer.TryEndOption(scope)))
            {
                return -3;
            }
        }

        writer.TryAddVendorClass(Dhcp6BootClassifier.IntelEnterpriseNumber, "PXEClient"u8);
        writer.TryAddOption(Dhcp6OptionCode.BootFileUrl, "tftp://[2001:db8:24::1]/snponly.efi"u8);
        return writer.BytesWritten;
    }

    [Theory]
    [InlineData(Captures.Edk2Pxe, 1)]
    [InlineData(Captures.IpxeEfi, 1)]
    public void ParseClassifyAndWriteAdvertise_CapturedSolicit_AllocatesNothing(string file, int frame)
    {
        var solicit = Captures.Frame(file, frame);
        var reply = new byte[1232];
        Assert.True(ParseClassifyAndAdvertise(solicit, reply) > 60); // warm-up: JIT and static initialisation

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            total += ParseClassifyAndAdvertise(solicit, reply);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(total > 0);
    }

    [Fact]
    public void ParseRelayedAndLookups_CapturedRelayForward_AllocateNothing()
    {
        var relayed = Captures.Frame(Captures.PerfdhcpRelayed, 3);
        static int Lookups(byte[] packet)
        {
            if (!Dhcp6MessageReader.TryParse(packet, out var reader, out _))
            {
                return -1;
            }

            var client = reader.GetInnermostMessage(out var relays);
            var n = relays + (client.TryGetClientId(out var duid) ? duid.Bytes.Length : 0);
            n += client.TryGetServerId(out _) ? 1 : 0;
            n += client.TryGetElapsedTime(out var elapsed) ? elapsed + 1 : 0;
            n += client.IsOptionRequested(Dhcp6OptionCode.DnsServers) ? 1 : 0;
            return n + (reader.LinkAddress.IsUnspecified ? 0 : 1);
        }

        Lookups(relayed);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            total += Lookups(relayed);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(total > 0);
    }
}
