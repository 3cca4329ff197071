using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StormSim;

// The boot-storm simulator: N machines boot at once against one server (benchmarks/peers/storm/run.sh).
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(StormOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (!StormOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine($"StormSim: {error}");
    Console.Error.WriteLine(StormOptions.Usage);
    return 2;
}

// Many machines wait on sockets at once: let the pool grow without its slow start injecting one thread at a time.
ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);
var files = new ExpectedFiles(options.Files);
using var dhcp = new DhcpMux(options.Interface);
var machines = Enumerable.Range(1, options.Clients).Select(i => new SimulatedMachine(dhcp, files, options.MacTag, i)).ToArray();
using var limit = new CancellationTokenSource(options.Limit);
Console.WriteLine($"storm[{options.Label}]: {machines.Length} machines start at once against {options.Server} ({files.Count} files under test)");
var watch = Stopwatch.StartNew();
await Task.WhenAll(machines.Select(m => Task.Run(() => m.RunAsync(limit.Token))));
var wall = watch.Elapsed.TotalSeconds;

var results = machines.Select(m => m.Result).ToArray();
var report = new StormReport(options.Label, results, wall, dhcp.Unclaimed);
report.Print(Console.Out);
if (options.Json is { } json)
{
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results.Select(r => new
    {
        r.Mac,
        r.Completed,
        FailedAt = r.FailedAt?.ToString(),
        r.Error,
        r.DhcpRestarts,
        Stages = Enum.GetValues<Stage>().ToDictionary(s => s.ToString(), s => Math.Round(r.Seconds[(int)s], 4)),
        Total = Math.Round(r.TotalSeconds, 4),
    })));
}

return report.Failed == 0 ? 0 : 1;

/// <summary>The storm's summary: completion, per-stage percentiles and the failures by cause.</summary>
internal sealed class StormReport(string label, MachineResult[] results, double wallSeconds, long unclaimed)
{
    public int Failed => results.Count(r => !r.Completed);

    public void Print(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"storm[{label}] results:");
        output.WriteLine(string.Create(inv, $"{"stage",-10} {"machines",8} {"p50 s",9} {"p99 s",9} {"max s",9}"));
        foreach (var stage in Enum.GetValues<Stage>())
        {
            // A stage's times over the machines that finished it (a failed machine counts for the stages before).
            var times = results.Where(r => r.Completed || r.FailedAt > stage).Select(r => r.Seconds[(int)stage]).ToArray();
            output.WriteLine(string.Create(inv, $"{stage,-10} {times.Length,8} {Percentile(times, 0.50),9:F3} {Percentile(times, 0.99),9:F3} {(times.Length == 0 ? 0 : times.Max()),9:F3}"));
        }

        var totals = results.Where(r => r.Completed).Select(r => r.TotalSeconds).ToArray();
        output.WriteLine(string.Create(inv, $"{"total",-10} {totals.Length,8} {Percentile(totals, 0.50),9:F3} {Percentile(totals, 0.99),9:F3} {(totals.Length == 0 ? 0 : totals.Max()),9:F3}"));
        foreach (var group in results.Where(r => !r.Completed).GroupBy(r => $"{r.FailedAt}: {r.Error}").OrderByDescending(g => g.Count()).Take(8))
        {
            output.WriteLine($"failed  {group.Count(),5} x {group.Key}");
        }

        var restarts = results.Sum(r => r.DhcpRestarts);
        if (restarts > 0)
        {
            output.WriteLine(string.Create(inv, $"DHCP NAKs that sent a machine back to DISCOVER: {restarts} (on {results.Count(r => r.DhcpRestarts > 0)} machines)"));
        }

        if (unclaimed > 0)
        {
            output.WriteLine(string.Create(inv, $"DHCP replies for no waiting machine (late duplicates): {unclaimed}"));
        }

        output.WriteLine(string.Create(inv,
            $"storm: {results.Length - Failed}/{results.Length} complete, {Failed} failed, {wallSeconds:F1} s total, p99 {Percentile(totals, 0.99):F1} s"));
    }

    // Nearest-rank percentile (no interpolation): the value at least p of the samples do not exceed.
    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
