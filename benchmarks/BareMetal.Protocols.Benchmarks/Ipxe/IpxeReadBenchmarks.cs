using BareMetal.Ipxe;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Ipxe;

/// <summary>Reading a 200-line menu script into the model, and linting it.</summary>
public class IpxeReadBenchmarks
{
    private byte[] _script = [];
    private IpxeScript? _model;

    /// <summary>Script size in bytes (for MB/s: size / mean).</summary>
    public int ScriptBytes => _script.Length;

    /// <summary>Builds the input.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _script = IpxeBenchmarkScripts.MenuScript200Lines();
        _model = IpxeScriptReader.Read(_script);
        Console.WriteLine($"// menu script: {_script.Length} bytes, {_model.Lines.Count} lines");
    }

    /// <summary>UTF-8 bytes to the full model (lines, commands, options, arguments, diagnostics).</summary>
    [Benchmark(Baseline = true)]
    public IpxeScript Read() => IpxeScriptReader.Read(_script);

    /// <summary>Lint of the already-read model.</summary>
    [Benchmark]
    public IReadOnlyList<IpxeDiagnostic> Lint() => IpxeLinter.Lint(_model!);
}
