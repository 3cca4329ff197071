using System.Diagnostics;
using System.Reflection;
using System.Text;
using BareMetal.Testing;

namespace BareMetal.Lab.Tests;

/// <summary>
/// The README's main command, end to end: samples/lab/run-lab.sh builds the agent, initramfs and disk images,
/// starts baremetal-host in its own namespace, installs both QEMU machines (BIOS and UEFI) over the network
/// and boots each again from its disk. Needs root (CI runs as root) and the LAB_PACKAGES of eng/prereqs.sh.
/// </summary>
public class LabEndToEndTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(30);

    [InteropFact]
    public async Task RunLab_BothMachines_InstallAndBootFromDisk()
    {
        var root = Metadata("BareMetal.RepositoryRoot");
        var work = Path.Combine(root, "samples", "lab", "work");
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "samples", "lab", "run-lab.sh")])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["LAB_WORK"] = work;
        var hostDll = Metadata("BareMetal.HostDll");
        if (File.Exists(hostDll))
        {
            // The solution build already produced the host: run it instead of publishing it a second time.
            start.Environment["LAB_HOST_DLL"] = hostDll;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(Budget);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM first: the script's trap removes its namespace and stops QEMU and the host.
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
            }

            Assert.Fail($"the lab did not finish within {Budget.TotalMinutes} minutes:\n{Text(output)}");
        }

        process.WaitForExit();
        var log = Text(output);
        Assert.True(process.ExitCode == 0, $"run-lab.sh exited with {process.ExitCode}:\n{log}");
        Assert.Contains("2 of 2 machines installed and booted from disk", log, StringComparison.Ordinal);
        // Both second boots asked the host, which sent them to their disks (BIOS: sanboot; UEFI: iPXE chains the ESP's loader).
        Assert.Matches(@"node-bios\s+bios\s.*\shost: local disk\s+PASS", log);
        Assert.Matches(@"node-uefi\s+uefi\s.*\shost: local disk\s+PASS", log);

        // The proof from the disks themselves: each second boot printed its installed image's marker.
        var run = Path.Combine(work, "run");
        foreach (var name in new[] { "node-bios", "node-uefi" })
        {
            Assert.Contains("BAREMETAL-AGENT-DONE", await File.ReadAllTextAsync(Path.Combine(run, $"{name}-install.serial")), StringComparison.Ordinal);
            Assert.Contains($"BAREMETAL-INSTALLED {name}", await File.ReadAllTextAsync(Path.Combine(run, $"{name}-disk.serial")), StringComparison.Ordinal);
        }

        // The script cleaned up its namespace.
        Assert.DoesNotContain("bmlab", RunAndRead("ip", "netns", "list"), StringComparison.Ordinal);
    }

    private static string Metadata(string key) =>
        typeof(LabEndToEndTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string RunAndRead(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }
}
