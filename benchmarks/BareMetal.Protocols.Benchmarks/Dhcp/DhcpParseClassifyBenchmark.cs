using BareMetal.Dhcp;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Dhcp;

/// <summary>Parse the captured iPXE DISCOVER (all options validated) and classify it as a PXE client.</summary>
[MemoryDiagnoser]
public class DhcpParseClassifyBenchmark
{
    private byte[] _discover = [];

    /// <summary>Loads frame 1 of netboot-bios-ipxe-dhcp.pcap.</summary>
    [GlobalSetup]
    public void Setup() => _discover = DhcpCapture.FirstBiosIpxeDiscover();

    /// <summary>TryParse alone: header checks and one validating pass over every option.</summary>
    /// <returns>The message type, so the work is not optimised away.</returns>
    [Benchmark]
    public DhcpMessageType Parse() =>
        DhcpMessageReader.TryParse(_discover, out var reader, out _) ? reader.MessageType : DhcpMessageType.None;

    /// <summary>TryParse then PxeClassifier.Classify (options 53, 60, 77, 93, 94, 97, 175 read).</summary>
    /// <returns>The classification.</returns>
    [Benchmark(Baseline = true)]
    public PxeClientInfo ParseAndClassify() =>
        DhcpMessageReader.TryParse(_discover, out var reader, out _) ? PxeClassifier.Classify(reader) : default;
}
