using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BareMetal.Testing;

namespace BareMetal.Dhcp.Server.Tests.Interop;

/// <summary>
/// Network namespaces, veth pairs and a bridge for one test class, all named <c>bmds-ID-…</c> and removed on
/// dispose (also after failures), plus helpers to run peers inside them and to open sockets inside them from this
/// process (a dedicated thread joins the namespace with setns(2); sockets keep the namespace they were created in).
/// </summary>
internal sealed class NetworkLab : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly List<string> _namespaces = [];
    private readonly List<Process> _processes = [];

    public NetworkLab()
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        Directory = Path.Combine(Path.GetTempPath(), $"bmds-{Id}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>A random id making every name of this lab unique.</summary>
    public string Id { get; }

    /// <summary>A scratch folder for peers' files (leases, pid files, configs).</summary>
    public string Directory { get; }

    public static bool IsRoot => geteuid() == 0;

    public string Namespace(string suffix)
    {
        var name = $"bmds-{Id}-{suffix}";
        Exec("ip", $"netns add {name}");
        _namespaces.Add(name);
        Exec("ip", $"-n {name} link set lo up");
        return name;
    }

    /// <summary>A veth pair between two namespaces, both ends up, each with an optional address (CIDR).</summary>
    public void Veth(string nsA, string ifA, string? addressA, string nsB, string ifB, string? addressB)
    {
        Exec("ip", $"link add {ifA} netns {nsA} type veth peer name {ifB} netns {nsB}");
        foreach (var (ns, name, address) in new[] { (nsA, ifA, addressA), (nsB, ifB, addressB) })
        {
            if (address is not null)
            {
                Exec("ip", $"-n {ns} addr add {address} dev {name}");
            }

            Exec("ip", $"-n {ns} link set {name} up");
        }
    }

    public static (int ExitCode, string Output) Exec(string file, string arguments, int timeoutSeconds = 30, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var output = stdout.Result + stderr.Result;
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' exited with {process.ExitCode}: {output}");
        }

        return (process.ExitCode, output);
    }

    /// <summary>Runs a command inside a namespace and waits (bounded) for it.</summary>
    public static (int ExitCode, string Output) ExecIn(string ns, string command, int timeoutSeconds = 30, bool check = false) =>
        Exec("ip", $"netns exec {ns} {command}", timeoutSeconds, check);

    /// <summary>Starts a long-running peer inside a namespace; it is killed on dispose.</summary>
    public Process StartIn(string ns, string command)
    {
        var process = Process.Start(new ProcessStartInfo("ip", $"netns exec {ns} {command}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs <paramref name="action"/> on a thread that has joined namespace <paramref name="ns"/>.</summary>
    public static T InNamespace<T>(string ns, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var own = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle($"/var/run/netns/{ns}");
                if (setns((int)target.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}");
                }

                try
                {
                    result = action();
                }
                finally
                {
                    _ = setns((int)own.DangerousGetHandle(), CloneNewNet);
                }
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"in namespace {ns}: {failure.Message}", failure);
    }

    public void Dispose()
    {
        StartedProcesses.StopAll(_processes);

        foreach (var ns in _namespaces)
        {
            // Peers that daemonised (dhclient) are found by namespace and ended by pid.
            var (_, pids) = Exec("ip", $"netns pids {ns}", check: false);
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(pid, out var id))
                {
                    try
                    {
                        using var process = Process.GetProcessById(id);
                        process.Kill(entireProcessTree: true);
                        process.WaitForExit(5_000);
                    }
                    catch (ArgumentException)
                    {
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            }

            Exec("ip", $"netns del {ns}", check: false);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int setns(int fd, int nstype);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint geteuid();
}
