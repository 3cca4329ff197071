using BareMetal.Dhcp;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Dhcp;

/// <summary>
/// Five option lookups on the captured iPXE DISCOVER: 60, 93, 57, 97 and 61. A reader is a ref struct and cannot
/// live in a field, so each iteration parses first; compare with <see cref="DhcpParseClassifyBenchmark.Parse"/>.
/// </summary>
[MemoryDiagnoser]
public class DhcpOptionLookupBenchmark
{
    private byte[] _discover = [];

    /// <summary>Loads frame 1 of netboot-bios-ipxe-dhcp.pcap.</summary>
    [GlobalSetup]
    public void Setup() => _discover = DhcpCapture.FirstBiosIpxeDiscover();

    /// <summary>Parse, then look up vendor class, architecture, max message size, UUID and client id.</summary>
    /// <returns>A sum of what was found, so the work is not optimised away.</returns>
    [Benchmark]
    public int ParseAndFiveLookups()
    {
        if (!DhcpMessageReader.TryParse(_discover, out var reader, out _))
        {
            return -1;
        }

        var sum = 0;
        sum += reader.TryGetVendorClassIdentifier(out var vendorClass) ? vendorClass.Length : 0;
        sum += reader.TryGetClientArchitecture(out var architecture) ? (int)architecture + 1 : 0;
        sum += reader.TryGetMaximumMessageSize(out var maxSize) ? maxSize : 0;
        sum += reader.TryGetClientMachineIdentifier(out var uuid) ? uuid.GetHashCode() & 1 : 0;
        sum += reader.TryGetClientIdentifier(out var clientId) ? clientId.Length : 0;
        return sum;
    }
}
