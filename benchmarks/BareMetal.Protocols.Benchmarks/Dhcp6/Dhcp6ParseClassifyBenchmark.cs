using BareMetal.Dhcp6;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Dhcp6;

/// <summary>
/// Parse OVMF's captured PXE Solicit (every option validated, IAs included) and classify it as a boot client; and
/// the same for a relayed Request. The Go peer (benchmarks/peers/dhcp6-codec) does the same work on the same bytes.
/// </summary>
[MemoryDiagnoser]
public class Dhcp6ParseClassifyBenchmark
{
    private byte[] _solicit = [];
    private byte[] _relayed = [];

    /// <summary>Loads the captured messages.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _solicit = Dhcp6Capture.Edk2PxeSolicit();
        _relayed = Dhcp6Capture.RelayedRequest();
    }

    /// <summary>TryParse alone: one validating pass over every option.</summary>
    /// <returns>The message type, so the work is not optimised away.</returns>
    [Benchmark]
    public Dhcp6MessageType Parse() =>
        Dhcp6MessageReader.TryParse(_solicit, out var reader, out _) ? reader.MessageType : Dhcp6MessageType.None;

    /// <summary>TryParse then Dhcp6BootClassifier.Classify (options 1, 6, 15, 16, 61, 62 read).</summary>
    /// <returns>The classification.</returns>
    [Benchmark(Baseline = true)]
    public Dhcp6BootClientInfo ParseAndClassify() =>
        Dhcp6MessageReader.TryParse(_solicit, out var reader, out _) ? Dhcp6BootClassifier.Classify(reader) : default;

    /// <summary>TryParse of a Relay-Forw (the relayed message validated too), then classify through the relay.</summary>
    /// <returns>The classification.</returns>
    [Benchmark]
    public Dhcp6BootClientInfo ParseAndClassifyRelayed() =>
        Dhcp6MessageReader.TryParse(_relayed, out var reader, out _) ? Dhcp6BootClassifier.Classify(reader) : default;
}
