using BareMetal.Ipmi.Ipmitool;

namespace BareMetal.Ipmi;

/// <summary>
/// Power and boot-device control of one BMC over IPMI 2.0 lanplus, through ipmitool. Every operation is one
/// ipmitool run (one RMCP+ session). Operations never throw for what the BMC, the network or ipmitool do; only for
/// the caller's own cancellation.
/// </summary>
public sealed class IpmitoolClient
{
    private readonly IpmiClientOptions _options;

    /// <summary>Creates a client; throws <see cref="ArgumentException"/> naming the field when the options are invalid.</summary>
    public IpmitoolClient(IpmiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The chassis power state (<c>power status</c>).</summary>
    public async Task<IpmiResult<IpmiPowerState>> GetPowerStateAsync(CancellationToken cancellationToken = default)
    {
        var run = await RunAsync(["power", "status"], cancellationToken).ConfigureAwait(false);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        return IpmitoolOutput.TryReadPowerState(run.Value.Output, out var state)
            ? state
            : new IpmiError(IpmiErrorKind.UnexpectedOutput, "'power status' printed no 'Chassis Power is on|off' line", run.Value.Output.Trim());
    }

    /// <summary>Power up (Chassis Control 01h).</summary>
    public Task<IpmiResult<bool>> PowerOnAsync(CancellationToken cancellationToken = default) => ChassisAsync("on", cancellationToken);

    /// <summary>Power down at once (Chassis Control 00h).</summary>
    public Task<IpmiResult<bool>> PowerOffAsync(CancellationToken cancellationToken = default) => ChassisAsync("off", cancellationToken);

    /// <summary>ACPI soft shutdown (Chassis Control 05h); the operating system decides.</summary>
    public Task<IpmiResult<bool>> PowerSoftAsync(CancellationToken cancellationToken = default) => ChassisAsync("soft", cancellationToken);

    /// <summary>Power down, wait, power up (Chassis Control 02h).</summary>
    public Task<IpmiResult<bool>> PowerCycleAsync(CancellationToken cancellationToken = default) => ChassisAsync("cycle", cancellationToken);

    /// <summary>Hard reset (Chassis Control 03h).</summary>
    public Task<IpmiResult<bool>> PowerResetAsync(CancellationToken cancellationToken = default) => ChassisAsync("reset", cancellationToken);

    /// <summary>
    /// Sets the next boot device (<c>chassis bootdev</c>, Set System Boot Options parameter 5): for the next boot only,
    /// or every boot with <paramref name="persistent"/>; <paramref name="efi"/> asks for the UEFI boot path.
    /// </summary>
    public async Task<IpmiResult<bool>> SetBootDeviceAsync(IpmiBootDevice device, bool efi = false, bool persistent = false, CancellationToken cancellationToken = default)
    {
        var name = device switch
        {
            IpmiBootDevice.None => "none",
            IpmiBootDevice.Pxe => "pxe",
            IpmiBootDevice.Disk => "disk",
            IpmiBootDevice.Cdrom => "cdrom",
            IpmiBootDevice.Bios => "bios",
            _ => throw new ArgumentOutOfRangeException(nameof(device), device, "Not an IpmiBootDevice."),
        };
        List<string> command = ["chassis", "bootdev", name];
        var flags = new List<string>();
        if (efi)
        {
            flags.Add("efiboot");
        }

        if (persistent)
        {
            flags.Add("persistent");
        }

        if (flags.Count > 0)
        {
            command.Add("options=" + string.Join(',', flags));
        }

        var run = await RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        return run.Value.Output.Contains("Set Boot Device to " + name, StringComparison.OrdinalIgnoreCase)
            ? true
            : new IpmiError(IpmiErrorKind.UnexpectedOutput, $"'chassis bootdev {name}' did not confirm 'Set Boot Device to {name}'", run.Value.Output.Trim());
    }

    private async Task<IpmiResult<bool>> ChassisAsync(string action, CancellationToken cancellationToken)
    {
        var run = await RunAsync(["power", action], cancellationToken).ConfigureAwait(false);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        // "Chassis Power Control: Up/On", ": Down/Off", ": Cycle", ": Reset", ": Soft".
        return run.Value.Output.Contains("Chassis Power Control:", StringComparison.OrdinalIgnoreCase)
            ? true
            : new IpmiError(IpmiErrorKind.UnexpectedOutput, $"'power {action}' did not confirm with 'Chassis Power Control:'", run.Value.Output.Trim());
    }

    private async Task<IpmiResult<IpmitoolRun>> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var run = await IpmitoolRunner.RunAsync(_options, command, cancellationToken).ConfigureAwait(false);
        if (!run.IsSuccess)
        {
            return run;
        }

        return run.Value.ExitCode == 0 ? run : IpmitoolOutput.Diagnose(run.Value);
    }
}
