using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace BareMetal.Testing;

/// <summary>
/// The network namespaces, veth pairs and macvlan links of one test fixture, every name starting with the
/// suite's prefix and a random id, all removed on dispose (also after a failed test), with the ways the suites
/// use them: run a command inside one (<c>ip netns exec</c>), start a peer there (stopped on dispose), open
/// sockets there from this process (a thread joins the namespace with setns(2); a socket keeps the namespace it
/// was created in), and drop packets (iptables statistic match: the kernel here has no netem).
/// </summary>
public sealed class NetworkNamespaces : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly List<string> _namespaces = [];
    private readonly List<Process> _processes = [];

    /// <summary>Starts an empty set; <paramref name="prefix"/> (such as <c>bmtf</c>) begins every name it makes.</summary>
    public NetworkNamespaces(string prefix)
    {
        Prefix = prefix;
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    }

    /// <summary>The suite's prefix.</summary>
    public string Prefix { get; }

    /// <summary>Six random hex digits that make this set's names unique.</summary>
    public string Id { get; }

    /// <summary>True when this process runs as root (namespaces need it).</summary>
    public static bool IsRoot => geteuid() == 0;

    /// <summary>Creates namespace <c>PREFIX-ID-SUFFIX</c> with its loopback up and returns its name.</summary>
    public string AddNamespace(string suffix)
    {
        var name = $"{Prefix}-{Id}-{suffix}";
        Run("ip", "netns", "add", name);
        _namespaces.Add(name);
        Run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /// <summary>
    /// A veth pair from <paramref name="nsA"/> to <paramref name="nsB"/>, both ends up, each with an optional
    /// address in CIDR form. Interface names are at most 15 characters (IFNAMSIZ).
    /// </summary>
    public void AddVeth(string nsA, string ifA, string? addressA, string nsB, string ifB, string? addressB)
    {
        Run("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        foreach (var (ns, name, address) in new[] { (nsA, ifA, addressA), (nsB, ifB, addressB) })
        {
            if (address is not null)
            {
                Run("ip", "-n", ns, "addr", "add", address, "dev", name);
            }

            Run("ip", "-n", ns, "link", "set", name, "up");
        }
    }

    /// <summary>A macvlan link (bridge mode) with its own MAC on top of <paramref name="parent"/>: one more client NIC.</summary>
    public void AddMacvlan(string ns, string parent, string name, string mac)
    {
        Run("ip", "-n", ns, "link", "add", "link", parent, "name", name, "address", mac, "type", "macvlan", "mode", "bridge");
        Run("ip", "-n", ns, "link", "set", name, "up");
    }

    /// <summary>Drops a share of the namespace's outgoing UDP packets.</summary>
    public static void DropOutgoingUdp(string ns, double probability) =>
        Run("ip", "netns", "exec", ns, "iptables", "-A", "OUTPUT", "-p", "udp", "-m", "statistic", "--mode", "random",
            "--probability", probability.ToString("0.####", CultureInfo.InvariantCulture), "-j", "DROP");

    /// <summary>Starts a long-running process (a peer server or client) inside a namespace; stopped on dispose.</summary>
    public Process StartIn(string ns, string file, params string[] arguments)
    {
        var process = Process.Start(StartInfo("ip", ["netns", "exec", ns, file, .. arguments]))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs a command inside a namespace to completion, bounded in time; never throws on its exit code.</summary>
    public static (int ExitCode, string Output) ExecIn(string ns, TimeSpan timeout, string file, params string[] arguments) =>
        RunCapture(timeout, "ip", ["netns", "exec", ns, file, .. arguments]);

    /// <summary>Runs a command and throws with its output when it fails.</summary>
    public static void Run(string file, params string[] arguments)
    {
        var (code, output) = RunCapture(CommandTimeout, file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' exited with {code}: {output}");
        }
    }

    /// <summary>Runs a command, bounded in time; returns its exit code (-1 after a timeout) and its stdout + stderr.</summary>
    public static (int ExitCode, string Output) RunCapture(TimeSpan timeout, string file, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(file, arguments))!;
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

    /// <summary>Waits (up to 10 s) until a UDP port is bound inside a namespace: a peer server has started.</summary>
    public static void WaitForUdpPort(string ns, int port)
    {
        var text = ":" + port.ToString(CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (ExecIn(ns, TimeSpan.FromSeconds(5), "ss", "-lunH", "sport", "=", text).Output.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"Nothing listens on UDP port {port} in {ns}.");
    }

    /// <summary>Runs <paramref name="action"/> on a thread that has joined namespace <paramref name="ns"/> (to create sockets there).</summary>
    public static T InNamespace<T>(string ns, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var target = File.OpenHandle($"/var/run/netns/{ns}");
                if (setns((int)target.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}");
                }

                // The thread ends here, so it never has to return to its original namespace.
                result = action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        })
        { IsBackground = true, Name = "netns " + ns };
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"in namespace {ns}: {failure.Message}", failure);
    }

    /// <summary>Stops the started processes and whatever else still runs in the namespaces (daemonised peers), then deletes them.</summary>
    public void Dispose()
    {
        StartedProcesses.StopAll(_processes);
        _processes.Clear();
        foreach (var ns in _namespaces)
        {
            var (_, pids) = RunCapture(TimeSpan.FromSeconds(10), "ip", "netns", "pids", ns);
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(pid, out var id))
                {
                    try
                    {
                        StartedProcesses.StopAll([Process.GetProcessById(id)]);
                    }
                    catch (ArgumentException)
                    {
                        // It ended on its own meanwhile.
                    }
                }
            }

            // Deleting a namespace removes its interfaces, and with a veth end its peer in the other namespace.
            RunCapture(TimeSpan.FromSeconds(10), "ip", "netns", "del", ns);
        }

        _namespaces.Clear();
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int setns(int fd, int nstype);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint geteuid();
}
