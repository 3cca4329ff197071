using BareMetal.Dhcp;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Dhcp;

/// <summary>
/// Write a proxyDHCP OFFER (PXE 2.1) answering the captured iPXE DISCOVER into a reused buffer: header copied from
/// the request, 53, 54, 61 echo, 60 "PXEClient", 43 discovery control, 97 echo, siaddr and boot file name.
/// Each iteration parses the request first (a reader cannot live in a field).
/// </summary>
[MemoryDiagnoser]
public class DhcpProxyOfferBenchmark
{
    private static readonly Ipv4Address Server = new(192, 0, 2, 1);
    private readonly byte[] _reply = new byte[1500];
    private byte[] _discover = [];

    /// <summary>Loads frame 1 of netboot-bios-ipxe-dhcp.pcap.</summary>
    [GlobalSetup]
    public void Setup() => _discover = DhcpCapture.FirstBiosIpxeDiscover();

    /// <summary>Parse the DISCOVER and write the OFFER: the per-packet cost of a proxyDHCP server.</summary>
    /// <returns>The reply length.</returns>
    [Benchmark]
    public int ParseAndWriteProxyOffer() =>
        DhcpMessageReader.TryParse(_discover, out var request, out _) ? WriteOffer(request, _reply) : -1;

    /// <summary>
    /// The writer alone: parse once, write <see cref="OffersPerParse"/> OFFERs; BenchmarkDotNet divides by that
    /// count, so the parse adds only 1/16 of its cost to each row.
    /// </summary>
    /// <returns>The sum of reply lengths.</returns>
    [Benchmark(OperationsPerInvoke = OffersPerParse)]
    public int WriteProxyOffer()
    {
        if (!DhcpMessageReader.TryParse(_discover, out var request, out _))
        {
            return -1;
        }

        var total = 0;
        for (var i = 0; i < OffersPerParse; i++)
        {
            total += WriteOffer(request, _reply);
        }

        return total;
    }

    private const int OffersPerParse = 16;

    private static int WriteOffer(in DhcpMessageReader request, byte[] reply)
    {
        var writer = new DhcpMessageWriter(reply);
        if (!writer.TryStartReply(request, DhcpMessageType.Offer, Server))
        {
            return -2;
        }

        writer.ServerAddress = Server;
        writer.TrySetBootFileName("undionly.kpxe"u8);
        writer.TryAddOption(DhcpOptionCode.VendorClassIdentifier, "PXEClient"u8);
        writer.TryAddPxeDiscoveryControl(PxeDiscoveryControl.UseBootFileFromReply);
        writer.TryEchoOption(request, DhcpOptionCode.ClientMachineIdentifier);
        return writer.TryComplete(out var written) ? written : -3;
    }
}
