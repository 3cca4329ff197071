namespace BareMetal.Protocols.Benchmarks;

/// <summary>
/// Finds a real capture under tests/TestData/captures (the Go peers read the same files) by walking up from the
/// running benchmark's folder, or the current one, to the repository: BenchmarkDotNet runs from a folder of its own.
/// </summary>
internal static class CaptureFiles
{
    public static string Locate(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "TestData", "captures", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; run the benchmarks from inside the repository.");
    }
}
