using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Transport;

// usage: DhcpServerRunner IFACE SERVER-ADDRESS SUBNET POOL JOURNAL-DIR [Durable|Interval|None] [full|proxy]
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: DhcpServerRunner IFACE SERVER-ADDRESS SUBNET POOL JOURNAL-DIR [Durable|Interval|None] [full|proxy]");
    return 2;
}

var options = new DhcpServerOptions { MaxPacketsPerClientPerSecond = 0, LeaseJournalDirectory = args[4] };
options.JournalSync = args.Length > 5 ? Enum.Parse<LeaseJournalSyncMode>(args[5]) : LeaseJournalSyncMode.Durable;
var proxy = args.Length > 6 && args[6] == "proxy";
options.Interfaces.Add(new DhcpInterfaceOptions { Name = args[0], ServerAddress = args[1], Mode = proxy ? DhcpServerMode.Proxy : DhcpServerMode.Full });
if (!proxy)
{
    var subnet = new DhcpSubnetOptions { Network = args[2] };
    subnet.Pools.Add(args[3]);
    options.Subnets.Add(subnet);
}

using var store = new JournalLeaseStore(args[4], options.JournalSync);
using var engine = new DhcpServerEngine(options, store);
await using var listener = DhcpServerListener.Start(engine, options);
Console.WriteLine($"listening on {args[0]} {args[1]} journal {options.JournalSync} mode {(proxy ? "proxy" : "full")}");
var stop = new TaskCompletionSource();
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;
Console.WriteLine($"stopping: {store.Count} leases");
return 0;
