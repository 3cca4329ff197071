using BareMetal.Ipxe;
using BenchmarkDotNet.Attributes;

namespace BareMetal.Protocols.Benchmarks.Ipxe;

/// <summary>
/// Reading and linting the whole iPXE test corpus (tests/BareMetal.Ipxe.Tests/Corpus/*.ipxe: menus, chained
/// menus, installers, CRLF and Latin-1 files), next to <see cref="IpxeReadBenchmarks"/>'s 200-line menu.
/// MB/s = <see cref="CorpusBytes"/> / mean.
/// </summary>
public class IpxeCorpusReadBenchmarks
{
    private byte[][] _scripts = [];
    private IpxeScript[] _models = [];

    /// <summary>Total size of the corpus in bytes (for MB/s: size / mean).</summary>
    public int CorpusBytes { get; private set; }

    /// <summary>Loads the corpus embedded in this assembly.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var assembly = typeof(IpxeCorpusReadBenchmarks).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("IpxeCorpus/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            throw new InvalidOperationException("No IpxeCorpus/*.ipxe resources: the corpus was not embedded.");
        }

        _scripts = [.. names.Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        })];
        _models = [.. _scripts.Select(s => IpxeScriptReader.Read(s))];
        CorpusBytes = _scripts.Sum(s => s.Length);
        Console.WriteLine($"// iPXE corpus: {_scripts.Length} scripts, {CorpusBytes} bytes, {_models.Sum(m => m.Lines.Count)} lines");
    }

    /// <summary>Every corpus script from UTF-8 bytes to the full model.</summary>
    [Benchmark(Baseline = true)]
    public int ReadCorpus()
    {
        var lines = 0;
        foreach (var script in _scripts)
        {
            lines += IpxeScriptReader.Read(script).Lines.Count;
        }

        return lines;
    }

    /// <summary>Lint of every already-read corpus model.</summary>
    [Benchmark]
    public int LintCorpus()
    {
        var findings = 0;
        foreach (var model in _models)
        {
            findings += IpxeLinter.Lint(model).Count;
        }

        return findings;
    }
}
