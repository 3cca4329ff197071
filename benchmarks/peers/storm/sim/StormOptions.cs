using System.Globalization;
using System.Net;

namespace StormSim;

/// <summary>The simulator's command line.</summary>
internal sealed class StormOptions
{
    public const string Usage = """
        usage: StormSim --interface IF --server IP --files DIR [options]
          --interface IF     the client-side interface (DHCP broadcasts leave through it)
          --server IP        the server's address (TFTP and, unless the script names another, HTTP)
          --files DIR        the files the server serves, to check every byte: snponly.efi, vmlinuz, initrd
          --clients N        simulated machines, all started at once (default 1000)
          --mac-tag HEX      second byte of the simulated MACs 02:TT:xx:xx:xx:xx (default 5b)
          --limit SECONDS    give up on a machine after this long (default 600)
          --label TEXT       the name printed in the summary (default: ours)
          --json FILE        also write every machine's stage times as JSON
        """;

    public string Interface { get; private set; } = "";
    public IPAddress Server { get; private set; } = IPAddress.None;
    public string Files { get; private set; } = "";
    public int Clients { get; private set; } = 1000;
    public byte MacTag { get; private set; } = 0x5b;
    public TimeSpan Limit { get; private set; } = TimeSpan.FromSeconds(600);
    public string Label { get; private set; } = "ours";
    public string? Json { get; private set; }

    public static bool TryParse(string[] args, out StormOptions options, out string error)
    {
        options = new StormOptions();
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
            switch (name)
            {
                case "--interface": options.Interface = value; break;
                case "--server" when IPAddress.TryParse(value, out var server): options.Server = server; break;
                case "--files": options.Files = value; break;
                case "--clients" when int.TryParse(value, CultureInfo.InvariantCulture, out var clients) && clients is > 0 and <= 65535:
                    options.Clients = clients;
                    break;
                case "--mac-tag" when byte.TryParse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var tag):
                    options.MacTag = tag;
                    break;
                case "--limit" when int.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options.Limit = TimeSpan.FromSeconds(seconds);
                    break;
                case "--label": options.Label = value; break;
                case "--json": options.Json = value; break;
                default:
                    error = $"{name} {value}: unknown option or bad value";
                    return false;
            }
        }

        if (options.Interface.Length == 0 || options.Server.Equals(IPAddress.None) || options.Files.Length == 0)
        {
            error = "--interface, --server and --files are required";
            return false;
        }

        return true;
    }
}
