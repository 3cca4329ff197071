using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BareMetal.Testing;

namespace BareMetal.Ipmi.Tests;

/// <summary>
/// Debian's OpenIPMI simulator (ipmi_sim) on a free loopback UDP port: one BMC (MC 0x20) with an admin and a
/// user-privilege account, cipher suites up to 3, and a chassis-control program that either records power and
/// boot requests in files (the default) or is a command the test gives (the lab's script).
/// </summary>
public sealed class IpmiSimulator : IDisposable
{
    public const string Admin = "admin";
    public const string AdminPassword = "h18-ipmi-Secret";
    public const string Viewer = "viewer";
    public const string ViewerPassword = "h18-view-Secret";
    private readonly Process _process;

    private IpmiSimulator(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>Every chassis-control call ipmi_sim made ("get power", "set boot pxe"), in order (recording mode).</summary>
    public string[] ChassisCalls => File.Exists(Path.Combine(Directory, "calls.log")) ? File.ReadAllLines(Path.Combine(Directory, "calls.log")) : [];

    public static IpmiSimulator Start(string? chassisControl = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bmh18-ipmi-").FullName;
        var id = Path.GetFileName(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "state"));
        var script = Path.Combine(directory, "chassis.sh");
        // Recording chassis: power state in a file (0 at first), every call appended to calls.log.
        File.WriteAllText(script, $$"""
            #!/bin/sh
            dir={{directory}}
            echo "$*" >> "$dir/calls.log"
            op=$1; shift
            [ -f "$dir/power" ] || echo 0 > "$dir/power"
            if [ "$op" = get ]; then
              for p in "$@"; do
                case $p in
                  power) echo "power:$(cat "$dir/power")" ;;
                  boot) echo "boot:$(cat "$dir/boot" 2>/dev/null || echo none)" ;;
                  *) echo "unsupported $p"; exit 1 ;;
                esac
              done
            else
              while [ $# -ge 2 ]; do
                case $1 in
                  power) echo "$2" > "$dir/power" ;;
                  boot) echo "$2" > "$dir/boot" ;;
                esac
                shift 2
              done
            fi
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var port = FreeUdpPort();
        File.WriteAllText(Path.Combine(directory, "lan.conf"), $"""
            name "{id}"
            set_working_mc 0x20
              startlan 1
                addr 127.0.0.1 {port.ToString(CultureInfo.InvariantCulture)}
                priv_limit admin
                allowed_auths_callback none md2 md5 straight
                allowed_auths_user none md2 md5 straight
                allowed_auths_operator none md2 md5 straight
                allowed_auths_admin none md2 md5 straight
                guid a123456789abcdefa123456789abcdef
              endlan
              chassis_control "{chassisControl ?? script}"
              user 2 true "{Admin}" "{AdminPassword}" admin 10 none md2 md5 straight
              user 3 true "{Viewer}" "{ViewerPassword}" user 10 none md2 md5 straight
            """);
        File.WriteAllText(Path.Combine(directory, "emu.cmds"), """
            mc_setbmc 0x20
            mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
            mc_enable 0x20
            """);

        var info = new ProcessStartInfo("ipmi_sim") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in new[] { "-c", Path.Combine(directory, "lan.conf"), "-f", Path.Combine(directory, "emu.cmds"), "-s", Path.Combine(directory, "state"), "-n" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var simulator = new IpmiSimulator(process, directory, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!IsBound(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                simulator.Dispose();
                throw new InvalidOperationException($"ipmi_sim did not bind UDP port {port} (exit {(process.HasExited ? process.ExitCode : -1)})");
            }

            Thread.Sleep(50);
        }

        return simulator;
    }

    public IpmiClientOptions Options(string user = Admin, string password = AdminPassword, int cipherSuite = 3, string privilege = "ADMINISTRATOR") => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        UserName = user,
        Password = IpmiPassword.FromValue(password),
        CipherSuite = cipherSuite,
        Privilege = privilege,
        RetransmitSeconds = 1,
        Retries = 1,
        CommandTimeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose()
    {
        StartedProcesses.StopAll([_process]);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    private static bool IsBound(int port) =>
        NetworkNamespaces.RunCapture(TimeSpan.FromSeconds(5), "ss", "-lunH", "sport", "=", ":" + port.ToString(CultureInfo.InvariantCulture))
            .Output.Contains(":" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
