using System.Security.Cryptography;

namespace StormSim;

/// <summary>The files the server serves, by name, with their length and SHA-256: every download is checked against them.</summary>
internal sealed class ExpectedFiles
{
    private readonly Dictionary<string, (long Length, byte[] Sha256)> _files = new(StringComparer.Ordinal);

    public ExpectedFiles(string directory)
    {
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            using var stream = File.OpenRead(path);
            _files[Path.GetFileName(path)] = (stream.Length, SHA256.HashData(stream));
        }
    }

    public int Count => _files.Count;

    public void Check(string name, long length, byte[] sha256)
    {
        var fileName = name[(name.LastIndexOf('/') + 1)..];
        if (!_files.TryGetValue(fileName, out var expected))
        {
            throw new StormException($"the server sent '{name}', which is not one of the files under test");
        }

        if (length != expected.Length || !sha256.AsSpan().SequenceEqual(expected.Sha256))
        {
            throw new StormException($"'{fileName}' arrived with {length} bytes and another SHA-256 (expected {expected.Length} bytes)");
        }
    }
}
