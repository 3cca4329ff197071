using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using BareMetal.Testing;

namespace BareMetal.Tftp.Tests.Interop;

/// <summary>
/// Two network namespaces joined by a veth pair: the server side <c>bmtf-s-ID</c> with 192.0.2.1/24 and the
/// client side <c>bmtf-c-ID</c> with 192.0.2.2/24 (RFC 5737 documentation addresses, never routed).
/// Processes run inside with <c>ip netns exec</c>; in-process sockets are created by a thread that
/// joined the namespace with setns(2). Everything is removed on dispose, also after a failed test.
/// </summary>
internal sealed partial class NetworkPair : IDisposable
{
    public static readonly IPAddress ServerAddress = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress ClientAddress = IPAddress.Parse("192.0.2.2");

    private readonly List<Process> _processes = [];
    private readonly List<NamespaceSocketFactory> _factories = [];

    public NetworkPair()
    {
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
        ServerNamespace = "bmtf-s-" + id;
        ClientNamespace = "bmtf-c-" + id;
        var serverLink = "bmtfs" + id;
        var clientLink = "bmtfc" + id;
        try
        {
            Run("ip", "netns", "add", ServerNamespace);
            Run("ip", "netns", "add", ClientNamespace);
            Run("ip", "link", "add", serverLink, "type", "veth", "peer", "name", clientLink);
            Run("ip", "link", "set", serverLink, "netns", ServerNamespace);
            Run("ip", "link", "set", clientLink, "netns", ClientNamespace);
            Run("ip", "-n", ServerNamespace, "addr", "add", "192.0.2.1/24", "dev", serverLink);
            Run("ip", "-n", ClientNamespace, "addr", "add", "192.0.2.2/24", "dev", clientLink);
            foreach (var (ns, link) in new[] { (ServerNamespace, serverLink), (ClientNamespace, clientLink) })
            {
                Run("ip", "-n", ns, "link", "set", link, "up");
                Run("ip", "-n", ns, "link", "set", "lo", "up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public static IPEndPoint ServerEndPoint(int port = 69) => new(ServerAddress, port);

    /// <summary>Creates sockets inside the server's namespace (for our server).</summary>
    public Func<AddressFamily, Socket> ServerSockets() => Factory(ServerNamespace).Create;

    /// <summary>Creates sockets inside the client's namespace (for our client).</summary>
    public Func<AddressFamily, Socket> ClientSockets() => Factory(ClientNamespace).Create;

    /// <summary>Drops a share of the server namespace's outgoing UDP packets (iptables statistic match).</summary>
    public void DropServerPackets(double probability) =>
        Run("ip", "netns", "exec", ServerNamespace, "iptables", "-A", "OUTPUT", "-p", "udp", "-m", "statistic", "--mode", "random", "--probability", probability.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture), "-j", "DROP");

    /// <summary>Starts a long-running process (a server) inside a namespace; killed on dispose.</summary>
    public Process Start(string ns, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", ns, file }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs a command inside a namespace to completion, bounded in time.</summary>
    public static (int ExitCode, string Output) Exec(string ns, TimeSpan timeout, string file, params string[] arguments) =>
        RunCapture(timeout, "ip", ["netns", "exec", ns, file, .. arguments]);

    /// <summary>Waits until a UDP port is bound inside a namespace (a peer server started).</summary>
    public static void WaitForUdpPort(string ns, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var (_, output) = RunCapture(TimeSpan.FromSeconds(5), "ip", ["netns", "exec", ns, "ss", "-lunH", "sport", "=", ":" + port]);
            if (output.Contains(':' + port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"Nothing listens on UDP port {port} in {ns}.");
    }

    public static void Run(string file, params string[] arguments)
    {
        var (code, output) = RunCapture(TimeSpan.FromSeconds(30), file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({code}): {output}");
        }
    }

    public static (int ExitCode, string Output) RunCapture(TimeSpan timeout, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {timeout.TotalSeconds} s: {stdout.Result}{stderr.Result}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        StartedProcesses.StopAll(_processes);

        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        // Deleting a namespace deletes its end of the veth pair, and with it the other end.
        RunCapture(TimeSpan.FromSeconds(10), "ip", "netns", "del", ServerNamespace);
        RunCapture(TimeSpan.FromSeconds(10), "ip", "netns", "del", ClientNamespace);
    }

    private NamespaceSocketFactory Factory(string ns)
    {
        var factory = new NamespaceSocketFactory(ns);
        _factories.Add(factory);
        return factory;
    }

    /// <summary>A thread inside a namespace that creates sockets on request (sockets keep their namespace).</summary>
    private sealed partial class NamespaceSocketFactory : IDisposable
    {
        private const int CloneNewNet = 0x40000000;
        private readonly BlockingCollection<(AddressFamily Family, TaskCompletionSource<Socket> Result)> _requests = [];
        private readonly Thread _thread;
        private readonly TaskCompletionSource _ready = new();

        public NamespaceSocketFactory(string ns)
        {
            _thread = new Thread(() => Serve(ns)) { IsBackground = true, Name = "netns " + ns };
            _thread.Start();
            _ready.Task.GetAwaiter().GetResult();
        }

        public Socket Create(AddressFamily family)
        {
            var result = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
            _requests.Add((family, result));
            return result.Task.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _requests.CompleteAdding();
            _thread.Join(TimeSpan.FromSeconds(5));
            _requests.Dispose();
        }

        [LibraryImport("libc", SetLastError = true)]
        private static partial int setns(int fd, int nstype);

        private void Serve(string ns)
        {
            try
            {
                using var handle = File.OpenHandle("/var/run/netns/" + ns, FileMode.Open, FileAccess.Read);
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {ns} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                _ready.SetResult();
            }
            catch (Exception exception)
            {
                _ready.SetException(exception);
                return;
            }

            foreach (var (family, result) in _requests.GetConsumingEnumerable())
            {
                try
                {
                    result.SetResult(new Socket(family, SocketType.Dgram, ProtocolType.Udp));
                }
                catch (SocketException exception)
                {
                    result.SetException(exception);
                }
            }
        }
    }
}
