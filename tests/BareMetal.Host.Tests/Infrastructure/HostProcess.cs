using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>The built baremetal-host, started with its real command line inside the lab's server namespace.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const int HttpPort = 8080;

    private readonly Process _process;
    private readonly StringBuilder _output;

    private HostProcess(Process process, StringBuilder output)
    {
        _process = process;
        _output = output;
    }

    /// <summary>The host's build output (BAREMETAL_HOST_DLL overrides it, e.g. for a published copy).</summary>
    public static string AssemblyPath =>
        Environment.GetEnvironmentVariable("BAREMETAL_HOST_DLL") is { Length: > 0 } overridden
            ? overridden
            : typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HostAssembly").Value!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Runs the host to completion in this namespace (for --help and start-up errors).</summary>
    public static Task<CommandResult> RunToEndAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [AssemblyPath, .. arguments], TimeSpan.FromSeconds(60));

    /// <summary>The contract's command line for <paramref name="layout"/> on the lab's server interface.</summary>
    public static string[] CommandLine(NetworkLab lab, HostLayout layout, string services, params string[] extra) =>
    [
        "--interface", lab.ServerInterface,
        "--address", NetworkLab.ServerAddress,
        "--dhcp-range", "192.0.2.100-192.0.2.149",
        "--services", services,
        "--tftp-root", layout.TftpRoot,
        "--images", layout.Images,
        "--http-port", HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--inventory", layout.InventoryPath,
        "--data", layout.Data,
        "--admin-token", HostLayout.AdminToken,
        .. extra,
    ];

    public static async Task<HostProcess> StartAsync(NetworkLab lab, string[] arguments)
    {
        var (process, output) = ProcessRunner.Start("ip", ["netns", "exec", lab.ServerNamespace, "dotnet", AssemblyPath, .. arguments]);
        var host = new HostProcess(process, output);
        try
        {
            await host.WaitReadyAsync(lab);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync(NetworkLab lab)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"baremetal-host exited with {_process.ExitCode} during start:\n{Output}");
            }

            var probe = await lab.InClientAsync(TimeSpan.FromSeconds(5), "curl", "-s", "-m", "2", $"http://{NetworkLab.ServerAddress}:{HttpPort}/healthz");
            if (probe.ExitCode == 0 && probe.StandardOutput == "ok")
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"baremetal-host did not answer /healthz within 60 s:\n{Output}");
    }

    /// <summary>Stops the host the way a service manager does (SIGTERM), killing it only if it hangs.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
