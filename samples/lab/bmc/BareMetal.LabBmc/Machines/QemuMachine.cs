using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BareMetal.LabBmc.Configuration;

namespace BareMetal.LabBmc.Machines;

/// <summary>
/// One lab machine as a BMC sees it: powered on means a QEMU process runs; the boot override decides the
/// <c>bootindex</c> order of its devices when QEMU starts (firmware reads it from fw_cfg, SeaBIOS and OVMF alike).
/// QEMU has no way to change that order inside a running machine, so a restart whose boot device differs from
/// the running one is done as a cold start (quit, start), as a real server's firmware would reread its settings.
/// </summary>
public sealed class QemuMachine : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _stateDirectory;
    private readonly ILogger _logger;
    private Process? _process;
    private string? _runningBoot;
    private int _version = 1;

    public QemuMachine(MachineConfiguration configuration, string stateDirectory, ILogger logger)
    {
        Configuration = configuration;
        _stateDirectory = stateDirectory;
        _logger = logger;
        QmpSocket = Path.Combine(stateDirectory, configuration.Id + ".qmp");
    }

    public MachineConfiguration Configuration { get; }

    public string Id => Configuration.Id;

    /// <summary>The QMP unix socket of the running QEMU.</summary>
    public string QmpSocket { get; }

    /// <summary>BootSourceOverrideTarget: None, Pxe, Hdd, Cd, UefiHttp.</summary>
    public string BootTarget { get; private set; } = "None";

    /// <summary>BootSourceOverrideEnabled: Disabled, Once, Continuous.</summary>
    public string BootEnabled { get; private set; } = "Disabled";

    /// <summary>The image in the virtual CD drive, if any.</summary>
    public string? MediaImage { get; private set; }

    /// <summary>The boot device the running QEMU was started with (null when off).</summary>
    public string? RunningBoot => _process is { HasExited: false } ? _runningBoot : null;

    /// <summary>A strong ETag that changes whenever the system's state does.</summary>
    public string ETag => "\"" + Volatile.Read(ref _version).ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The boot targets this machine can honour.</summary>
    public IReadOnlyList<string> AllowedBootTargets =>
        ["None", .. Configuration.Nic is null ? Array.Empty<string>() : ["Pxe"], .. Configuration.Disk is null ? Array.Empty<string>() : ["Hdd"],
         .. Configuration.VirtualMedia ? ["Cd"] : Array.Empty<string>(), .. Configuration.Nic is not null && Configuration.Firmware == "uefi" ? ["UefiHttp"] : Array.Empty<string>()];

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running QEMU's process id, or null.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Redfish PowerState: Off without a process; On while QEMU runs (also with CPUs paused: it is powered).</summary>
    public async Task<string> GetPowerStateAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return "Off";
        }

        try
        {
            var status = await QmpClient.ExecuteAsync(QmpSocket, "query-status", null, cancellationToken);
            return status?["status"]?.GetValue<string>() switch
            {
                "shutdown" => "PoweringOff",
                _ => "On",
            };
        }
        catch (QmpException)
        {
            // Started but QMP not listening yet, or exiting right now.
            return IsRunning ? "PoweringOn" : "Off";
        }
    }

    public void SetBootOverride(string target, string enabled)
    {
        BootTarget = target;
        BootEnabled = target == "None" ? "Disabled" : enabled;
        Interlocked.Increment(ref _version);
    }

    public async Task PowerOnAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StartLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ForceOffAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StopLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>ACPI power button (QMP system_powerdown); the guest decides. Returns false when the machine is off.</summary>
    public async Task<bool> RequestShutdownAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return false;
        }

        await QmpClient.ExecuteAsync(QmpSocket, "system_powerdown", null, cancellationToken);
        return true;
    }

    /// <summary>Waits for QEMU to exit; true if it did within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForOffAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return true;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// ForceRestart: QMP system_reset when the running boot order is still the one to use, else a cold start with the
    /// new order. A machine that is off is started.
    /// </summary>
    public async Task ForceRestartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning && EffectiveBoot() == _runningBoot)
            {
                await QmpClient.ExecuteAsync(QmpSocket, "system_reset", null, cancellationToken);
                ConsumeOnce();
                BmcLog.SystemReset(_logger, Id, _runningBoot);
                return;
            }

            await StopLockedAsync(cancellationToken);
            await StartLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>PowerCycle: off, then on (always a cold start).</summary>
    public async Task PowerCycleAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StopLockedAsync(cancellationToken);
            await StartLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Puts an image in the CD drive: now through QMP if QEMU runs, and at every later start.</summary>
    public async Task InsertMediaAsync(string image, CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            await QmpClient.ExecuteAsync(QmpSocket, "blockdev-change-medium",
                new JsonObject { ["id"] = "cd0dev", ["filename"] = image, ["read-only-mode"] = "read-only" }, cancellationToken);
        }

        MediaImage = image;
        Interlocked.Increment(ref _version);
    }

    public async Task EjectMediaAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            await QmpClient.ExecuteAsync(QmpSocket, "eject", new JsonObject { ["id"] = "cd0dev", ["force"] = true }, cancellationToken);
        }

        MediaImage = null;
        Interlocked.Increment(ref _version);
    }

    /// <summary>The command line QEMU is started with for boot device <paramref name="boot"/> (public for tests and the docs).</summary>
    public IReadOnlyList<string> BuildArguments(string boot)
    {
        var c = Configuration;
        var args = new List<string> { "-name", c.Id, "-qmp", $"unix:{QmpSocket},server=on,wait=off" };
        if (c.Firmware == "uefi")
        {
            var vars = Path.Combine(_stateDirectory, c.Id + ".vars.fd");
            if (!File.Exists(vars))
            {
                File.Copy(c.OvmfVars, vars);
            }

            args.AddRange(["-drive", $"if=pflash,format=raw,readonly=on,file={c.OvmfCode}", "-drive", $"if=pflash,format=raw,file={vars}"]);
        }

        // bootindex: the override's device first, then the others in a fixed order (SeaBIOS and OVMF both read it).
        var order = new List<string> { boot == "UefiHttp" ? "Pxe" : boot };
        order.AddRange(new[] { "Pxe", "Hdd", "Cd" }.Where(d => !order.Contains(d)));
        string Index(string device) => (order.IndexOf(device) + 1).ToString(CultureInfo.InvariantCulture);

        if (c.Nic is { } nic)
        {
            args.AddRange(["-netdev", nic.Netdev + ",id=net0", "-device", $"{nic.Device},netdev=net0,mac={nic.Mac},bootindex={Index("Pxe")}"]);
        }

        if (c.Disk is { } disk)
        {
            args.AddRange(["-drive", $"if=none,id=disk0,format={disk.Format},file={disk.Path}", "-device", $"{disk.Device},drive=disk0,bootindex={Index("Hdd")}"]);
        }

        if (c.VirtualMedia)
        {
            var file = MediaImage is null ? string.Empty : ",file=" + MediaImage.Replace(",", ",,", StringComparison.Ordinal);
            args.AddRange(["-drive", $"if=none,id=cd0,media=cdrom,readonly=on{file}", "-device", $"ide-cd,id=cd0dev,drive=cd0,bootindex={Index("Cd")}"]);
        }

        args.AddRange(c.Arguments);
        return args;
    }

    /// <summary>The device the next start boots: the override's while enabled, else the machine's default.</summary>
    public string EffectiveBoot() => BootEnabled != "Disabled" && BootTarget != "None" ? BootTarget : Configuration.DefaultBoot;

    private void ConsumeOnce()
    {
        // Redfish: a Once override reverts to Disabled after the boot it applied to.
        if (BootEnabled == "Once")
        {
            BootEnabled = "Disabled";
            Interlocked.Increment(ref _version);
        }
    }

    private async Task StartLockedAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        Directory.CreateDirectory(_stateDirectory);
        File.Delete(QmpSocket);
        var boot = EffectiveBoot();
        var info = new ProcessStartInfo(Configuration.Qemu) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in BuildArguments(boot))
        {
            info.ArgumentList.Add(argument);
        }

        var log = Path.Combine(_stateDirectory, Id + ".qemu.log");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Id}: {Configuration.Qemu} did not start");
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => BmcLog.Exited(_logger, Id, process.ExitCode);
        _process = process;
        _runningBoot = boot;
        ConsumeOnce();
        Interlocked.Increment(ref _version);
        BmcLog.Started(_logger, Id, process.Id, boot);

        // On is observable only once QMP answers: wait for it (or for QEMU to fail).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Id}: QEMU exited at once ({process.ExitCode}); see {log}");
            }

            try
            {
                await QmpClient.ExecuteAsync(QmpSocket, "query-status", null, cancellationToken);
                return;
            }
            catch (QmpException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new InvalidOperationException($"{Id}: QEMU's QMP socket did not answer within 15 s; see {log}");
    }

    private async Task StopLockedAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            _process = null;
            return;
        }

        try
        {
            await QmpClient.ExecuteAsync(QmpSocket, "quit", null, cancellationToken);
        }
        catch (QmpException exception)
        {
            BmcLog.QuitFailed(_logger, Id, exception.Message);
            process.Kill();
        }

        if (!await WaitForOffAsync(TimeSpan.FromSeconds(10), cancellationToken))
        {
            process.Kill();
            await process.WaitForExitAsync(cancellationToken);
        }

        process.Dispose();
        _process = null;
        _runningBoot = null;
        Interlocked.Increment(ref _version);
        BmcLog.PoweredOff(_logger, Id);
    }

    private static readonly Lock LogLock = new();

    private static void Append(string path, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (LogLock)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ForceOffAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is QmpException or InvalidOperationException)
        {
            _process?.Kill();
        }

        _gate.Dispose();
    }
}
