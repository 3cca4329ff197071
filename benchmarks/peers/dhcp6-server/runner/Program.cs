using BareMetal.Dhcp6;
using BareMetal.Dhcp6.Server.Configuration;
using BareMetal.Dhcp6.Server.Engine;
using BareMetal.Dhcp6.Server.Leases;
using BareMetal.Dhcp6.Server.Transport;

// usage: Dhcp6ServerRunner IFACE ADDRESS/PREFIX FIRST-LAST JOURNAL-DIR [rapid]
// (the shape of the host's planned --address6 and --dhcp6-range flags)
if (args.Length < 4 || args[1].Split('/') is not [var address, var length] || args[2].Split('-') is not [var first, var last])
{
    Console.Error.WriteLine("usage: Dhcp6ServerRunner IFACE ADDRESS/PREFIX FIRST-LAST JOURNAL-DIR [rapid]");
    return 2;
}

var server = Ipv6Address.Parse(address);
var prefixLength = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
var mask = prefixLength >= 64 ? ulong.MaxValue : ulong.MaxValue << (64 - prefixLength);
var options = new Dhcp6ServerOptions { ServerMacAddress = "02:00:00:00:06:01", AllowRapidCommit = args.Length > 4 && args[4] == "rapid" };
options.Subnets.Add(new Dhcp6SubnetOptions
{
    Prefix = $"{new Ipv6Address(server.High & mask, 0)}/{Math.Min(prefixLength, 64)}",
    InterfaceName = args[0],
    ServerAddress = address,
    RangeFirst = first,
    RangeLast = last,
});

using var store = new JournalDhcp6LeaseStore(args[3]);
var engine = new Dhcp6ServerEngine(options, store);
await using var listener = Dhcp6UdpListener.Start(engine, [args[0]]);
Console.WriteLine($"listening on {args[0]} [{address}] range {first}-{last}, journal in {args[3]}");
var stop = new TaskCompletionSource();
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;
Console.WriteLine($"stopping: {engine.Leases.Snapshot().Count} leases");
return 0;
