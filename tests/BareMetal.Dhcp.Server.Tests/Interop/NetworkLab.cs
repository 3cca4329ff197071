using System.Diagnostics;
using BareMetal.Testing;

namespace BareMetal.Dhcp.Server.Tests.Interop;

/// <summary>
/// Network namespaces, veth pairs and bridges for one test class (<see cref="NetworkNamespaces"/>), all named
/// <c>bmds-ID-…</c> and removed on dispose (also after failures), a scratch folder for the peers' files, and the
/// command-line forms the interop tests use (<c>"udhcpc -i eth0 ..."</c>: words separated by single spaces, no quoting).
/// </summary>
internal sealed class NetworkLab : IDisposable
{
    private readonly NetworkNamespaces _namespaces = new("bmds");

    public NetworkLab()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"bmds-{Id}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>A random id making every name of this lab unique.</summary>
    public string Id => _namespaces.Id;

    /// <summary>A scratch folder for peers' files (leases, pid files, configs).</summary>
    public string Directory { get; }

    /// <summary>Creates namespace <c>bmds-ID-SUFFIX</c> (loopback up).</summary>
    public string Namespace(string suffix) => _namespaces.AddNamespace(suffix);

    /// <summary>A veth pair between two namespaces, both ends up, each with an optional address (CIDR).</summary>
    public void Veth(string nsA, string ifA, string? addressA, string nsB, string ifB, string? addressB) =>
        _namespaces.AddVeth(nsA, ifA, addressA, nsB, ifB, addressB);

    /// <summary>Runs a command, bounded in time; with <paramref name="check"/> a non-zero exit throws with its output.</summary>
    public static (int ExitCode, string Output) Exec(string file, string arguments, int timeoutSeconds = 30, bool check = true)
    {
        var result = NetworkNamespaces.RunCapture(TimeSpan.FromSeconds(timeoutSeconds), file, Words(arguments));
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' exited with {result.ExitCode}: {result.Output}");
        }

        return result;
    }

    /// <summary>Runs a command inside a namespace and waits (bounded) for it.</summary>
    public static (int ExitCode, string Output) ExecIn(string ns, string command, int timeoutSeconds = 30, bool check = false) =>
        Exec("ip", $"netns exec {ns} {command}", timeoutSeconds, check);

    /// <summary>Starts a long-running peer inside a namespace; it is stopped on dispose.</summary>
    public Process StartIn(string ns, string command)
    {
        var words = Words(command);
        return _namespaces.StartIn(ns, words[0], words[1..]);
    }

    /// <summary>Runs <paramref name="action"/> on a thread that has joined namespace <paramref name="ns"/>.</summary>
    public static T InNamespace<T>(string ns, Func<T> action) => NetworkNamespaces.InNamespace(ns, action);

    public void Dispose()
    {
        // Also ends peers that daemonised (dhclient), found by namespace.
        _namespaces.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string[] Words(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
