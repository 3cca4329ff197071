using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using BareMetal.Testing;

namespace BareMetal.Redfish.Tests;

/// <summary>
/// The lab's BMC emulator (samples/lab/bmc) as its own process on a free loopback port, over HTTPS with the
/// certificate it makes, with QEMU machines started paused (-S, no disk or a small blank one): real QMP, no CPU.
/// </summary>
public sealed class LabBmc : IAsyncDisposable
{
    public const string UserName = "admin";
    public const string Password = "h18-Pa55word-never-logged";
    private readonly Process _process;
    private readonly List<string> _output = [];

    private LabBmc(Process process, string directory, int port, string fingerprint)
    {
        _process = process;
        Directory = directory;
        Port = port;
        Fingerprint = fingerprint;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The certificate fingerprint the emulator printed.</summary>
    public string Fingerprint { get; }

    public Uri BaseAddress => new($"https://127.0.0.1:{Port}/");

    public string StateDirectory => Path.Combine(Directory, "state");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>QEMU arguments that make a machine that never runs a CPU instruction.</summary>
    public static JsonArray PausedMachineArguments() => ["-machine", "q35", "-nodefaults", "-display", "none", "-S", "-m", "64"];

    public static async Task<LabBmc> StartAsync(Action<JsonObject>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bmh18-bmc-").FullName;
        File.WriteAllText(Path.Combine(directory, "password"), Password + "\n");
        var disk = Path.Combine(directory, "disk.raw");
        using (var stream = File.Create(disk))
        {
            stream.SetLength(1024 * 1024);
        }

        var port = FreeTcpPort();
        var config = new JsonObject
        {
            ["listen"] = $"127.0.0.1:{port}",
            ["stateDirectory"] = Path.Combine(directory, "state"),
            ["passwordFile"] = Path.Combine(directory, "password"),
            ["certificateHosts"] = new JsonArray("localhost"),
            ["gracefulShutdownTimeoutSeconds"] = 2,
            ["machines"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "bios1",
                    ["arguments"] = PausedMachineArguments(),
                    ["nic"] = new JsonObject { ["device"] = "e1000", ["mac"] = "52:54:00:18:00:01", ["netdev"] = "user" },
                    ["disk"] = new JsonObject { ["path"] = disk },
                },
                new JsonObject
                {
                    ["id"] = "uefi1",
                    ["firmware"] = "uefi",
                    ["arguments"] = PausedMachineArguments(),
                    ["nic"] = new JsonObject { ["device"] = "virtio-net-pci,romfile=", ["mac"] = "52:54:00:18:00:02", ["netdev"] = "user" },
                }),
        };
        configure?.Invoke(config);
        var configPath = Path.Combine(directory, "bmc.json");
        File.WriteAllText(configPath, config.ToJsonString());

        var dll = typeof(LabBmc).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LabBmcAssembly").Value!;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        var process = Process.Start(info)!;
        var fingerprint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(line);
            }

            const string marker = "certificate SHA-256 ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                fingerprint.TrySetResult(line[(at + marker.Length)..].Trim());
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(fingerprint.Task, exited, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != fingerprint.Task)
        {
            StartedProcesses.StopAll([process]);
            string text;
            lock (lines)
            {
                text = string.Join('\n', lines);
            }

            throw new InvalidOperationException("The lab BMC did not start: " + text);
        }

        var bmc = new LabBmc(process, directory, port, fingerprint.Task.Result);
        lock (lines)
        {
            bmc._output.AddRange(lines);
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (bmc._output)
                {
                    bmc._output.Add(e.Data);
                }
            }
        };
        return bmc;
    }

    /// <summary>Runs the emulator with a configuration file holding <paramref name="json"/> and returns how it exited (for bad configurations).</summary>
    public static (int ExitCode, string Output) RunWithConfiguration(string json)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bmh18-cfg-").FullName;
        try
        {
            var path = Path.Combine(directory, "bmc.json");
            File.WriteAllText(path, json);
            var dll = typeof(LabBmc).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LabBmcAssembly").Value!;
            var (code, output) = NetworkNamespaces.RunCapture(TimeSpan.FromSeconds(30), "dotnet", dll, "--config", path);
            return (code, output.Replace(path, "CONFIG", StringComparison.Ordinal));
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    public RedfishClientOptions Options(RedfishTrust? trust = null, string? password = null, RedfishAuthentication authentication = RedfishAuthentication.Session) => new()
    {
        BaseAddress = BaseAddress,
        Credentials = new RedfishCredentials(UserName, password ?? Password),
        Trust = trust ?? RedfishTrust.PinnedSha256(Fingerprint),
        Authentication = authentication,
        TaskPollInterval = TimeSpan.FromMilliseconds(200),
        TaskTimeout = TimeSpan.FromSeconds(30),
        Retry = new RedfishRetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
    };

    /// <summary>An HttpClient that trusts the emulator's certificate, for checks the Redfish client does not offer.</summary>
    public HttpClient RawClient()
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && RedfishTrust.FingerprintOf(certificate) == Fingerprint;
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserName}:{Password}")));
        return client;
    }

    /// <summary>The command line of the QEMU process running machine <paramref name="id"/> (from /proc), or null.</summary>
    public string[]? QemuCommandLine(string id)
    {
        var socket = Path.Combine(StateDirectory, id + ".qmp");
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var words = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (words.Length > 0 && words[0].Contains("qemu-system", StringComparison.Ordinal) && words.Any(w => w.Contains(socket, StringComparison.Ordinal)))
                {
                    return words;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    /// <summary>Stops the emulator the hard way (a BMC that goes down).</summary>
    public void Kill() => StartedProcesses.StopAll([_process]);

    public async ValueTask DisposeAsync()
    {
        StartedProcesses.StopAll([_process]);
        await Task.Delay(100);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
