using DhcpLoadGen;

// A DHCP load generator for the server benchmark (benchmarks/peers/dhcp-server/bench.sh DRIVER=loadgen).
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(LoadOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (!LoadOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine($"DhcpLoadGen: {error}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

if (options.WarmupSeconds > 0)
{
    using var warmup = new LoadGenerator(options.ForWarmup());
    var warm = warmup.Run();
    Console.WriteLine($"warm-up: {warm.WarmupSummary()}");
}

using var generator = new LoadGenerator(options);
var result = generator.Run();
Console.WriteLine(result.Format());
return result.Completed > 0 ? 0 : 1;
