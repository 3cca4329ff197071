using System.Globalization;

namespace DhcpLoadGen;

/// <summary>How the simulated clients reach the server.</summary>
internal enum LoadMode
{
    /// <summary>Clients on the link: from 0.0.0.0:68 (bound to the interface) to 255.255.255.255:67, broadcast flag set.</summary>
    Broadcast,

    /// <summary>A relay agent: from LOCAL:67 to SERVER:67 with giaddr = LOCAL; replies come back to LOCAL:67 (RFC 2131 §4.1).</summary>
    Relay,

    /// <summary>PXE firmware beside another DHCP server: DISCOVER with options 60/93/94/97, expecting a proxy OFFER (PXE 2.1 §2.2.5).</summary>
    Proxy,
}

/// <summary>The command line, parsed once; every error names the option and what it takes.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        usage: DhcpLoadGen --mode broadcast|relay|proxy (--rate N | --outstanding K) [options]
          --interface IF      client interface (broadcast, proxy): SO_BINDTODEVICE, port 68
          --local ADDR        relay address (relay): bound on port 67, written as giaddr
          --server ADDR       server address (relay; default 255.255.255.255 otherwise)
          --rate N            open loop: start N exchanges per second, paced
          --outstanding K     closed loop: keep K exchanges in flight, as fast as the server answers
          --seconds S         how long new exchanges are started (default 5)
          --clients N         distinct clients (MACs), reused round-robin when a run needs more (default 100000)
          --timeout-ms T      an exchange with no reply after T ms is a drop (default 1000)
          --run-id B          second byte of every MAC (0-255; default random), so runs do not share clients
          --warmup S          first run the same load for S seconds with other clients, unreported (JIT, caches)
        """;

    public LoadMode Mode { get; private set; } = LoadMode.Broadcast;

    public string? Interface { get; private set; }

    public Ipv4Address Local { get; private set; }

    public Ipv4Address Server { get; private set; } = Ipv4Address.Broadcast;

    public double Rate { get; private set; }

    public int Outstanding { get; private set; }

    public double Seconds { get; private set; } = 5;

    public int Clients { get; private set; } = 100_000;

    public int TimeoutMilliseconds { get; private set; } = 1000;

    public byte RunId { get; private set; } = (byte)Random.Shared.Next(256);

    public double WarmupSeconds { get; private set; }

    public bool ClosedLoop => Outstanding > 0;

    /// <summary>The same load for the warm-up period, with other clients (run id with its top bit flipped).</summary>
    public LoadOptions ForWarmup()
    {
        var copy = (LoadOptions)MemberwiseClone();
        copy.Seconds = WarmupSeconds;
        copy.WarmupSeconds = 0;
        copy.RunId = (byte)(RunId ^ 0x80);
        return copy;
    }

    public static bool TryParse(string[] args, out LoadOptions options, out string error)
    {
        var o = new LoadOptions();
        options = o;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return false;
            }

            var value = args[++i];
            var ok = name switch
            {
                "--mode" => Enum.TryParse<LoadMode>(value, ignoreCase: true, out var mode) && Set(() => o.Mode = mode),
                "--interface" => Set(() => o.Interface = value),
                "--local" => Ipv4Address.TryParse(value, out var local) && Set(() => o.Local = local),
                "--server" => Ipv4Address.TryParse(value, out var server) && Set(() => o.Server = server),
                "--rate" => double.TryParse(value, CultureInfo.InvariantCulture, out var rate) && rate > 0 && Set(() => o.Rate = rate),
                "--outstanding" => int.TryParse(value, CultureInfo.InvariantCulture, out var k) && k > 0 && Set(() => o.Outstanding = k),
                "--seconds" => double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s > 0 && Set(() => o.Seconds = s),
                "--clients" => int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 && Set(() => o.Clients = n),
                "--timeout-ms" => int.TryParse(value, CultureInfo.InvariantCulture, out var t) && t > 0 && Set(() => o.TimeoutMilliseconds = t),
                "--warmup" => double.TryParse(value, CultureInfo.InvariantCulture, out var w) && w >= 0 && Set(() => o.WarmupSeconds = w),
                "--run-id" => byte.TryParse(value, CultureInfo.InvariantCulture, out var b) && Set(() => o.RunId = b),
                _ => false,
            };
            if (!ok)
            {
                error = $"{name} {value}: unknown option or bad value";
                return false;
            }
        }

        if (options.Rate > 0 == options.ClosedLoop)
        {
            error = "give exactly one of --rate (open loop) and --outstanding (closed loop)";
            return false;
        }

        if (options.Mode == LoadMode.Relay && (options.Local.IsUnspecified || options.Server == Ipv4Address.Broadcast))
        {
            error = "--mode relay needs --local (the relay address) and --server (the server's unicast address)";
            return false;
        }

        if (options.Mode != LoadMode.Relay && string.IsNullOrEmpty(options.Interface))
        {
            error = $"--mode {options.Mode.ToString().ToLowerInvariant()} needs --interface (the client side of the link)";
            return false;
        }

        if (options.ClosedLoop && options.Outstanding > options.Clients)
        {
            error = "--outstanding must not exceed --clients";
            return false;
        }

        return true;
    }

    private static bool Set(Action assign)
    {
        assign();
        return true;
    }
}
