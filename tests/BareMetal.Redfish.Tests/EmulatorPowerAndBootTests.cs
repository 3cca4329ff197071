using BareMetal.Testing;

namespace BareMetal.Redfish.Tests;

/// <summary>Power, reset, boot override, task monitors and virtual media against the lab BMC and its QEMU machines.</summary>
public sealed class EmulatorPowerAndBootTests : IAsyncLifetime
{
    private LabBmc _bmc = null!;
    private RedfishClient _client = null!;

    public async Task InitializeAsync()
    {
        _bmc = await LabBmc.StartAsync();
        _client = RedfishClient.Create(_bmc.Options());
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _bmc.DisposeAsync();
    }

    private async Task<ComputerSystem> SystemAsync(string id)
    {
        var system = await _client.GetSystemAsync(id);
        Assert.True(system.IsSuccess, system.ToString());
        return system.Value;
    }

    [InteropFact]
    public async Task GetSystem_ByIdAndAlone()
    {
        var system = await SystemAsync("bios1");
        Assert.Equal("/redfish/v1/Systems/bios1", system.Path);
        Assert.Equal(PowerState.Off, system.PowerState);
        Assert.Equal(["On", "ForceOff", "GracefulShutdown", "ForceRestart", "PowerCycle"], system.AllowedResetTypes);
        Assert.Equal(["None", "Pxe", "Hdd", "Cd"], system.Boot!.AllowedTargets);
        Assert.NotNull(system.ETag);

        var none = await _client.GetSystemAsync(null);
        Assert.Equal(RedfishErrorKind.SystemNotFound, none.Error?.Kind);
        Assert.Equal(RedfishErrorKind.SystemNotFound, (await _client.GetSystemAsync("nope")).Error?.Kind);
    }

    [InteropFact]
    public async Task Reset_OnThenForceOff_StartsAndStopsQemu()
    {
        var system = await SystemAsync("bios1");
        var on = await _client.ResetAsync(system, ResetType.On);
        Assert.True(on.IsSuccess, on.ToString());
        Assert.Equal(204, on.Value.StatusCode);
        Assert.Equal(PowerState.On, (await _client.GetPowerStateAsync(system)).Value);
        Assert.NotNull(_bmc.QemuCommandLine("bios1"));

        var off = await _client.ResetAsync(system, ResetType.ForceOff);
        Assert.True(off.IsSuccess, off.ToString());
        Assert.Equal(PowerState.Off, (await _client.GetPowerStateAsync(system)).Value);
        Assert.Null(_bmc.QemuCommandLine("bios1"));
    }

    [InteropFact]
    public async Task Reset_ValueTheBmcDoesNotList_RefusedBeforeSending()
    {
        var system = await SystemAsync("bios1");
        var result = await _client.ResetAsync(system, ResetType.GracefulRestart);
        Assert.Equal(RedfishErrorKind.ResetTypeNotAllowed, result.Error?.Kind);
        Assert.Contains("GracefulRestart", result.Error!.Summary, StringComparison.Ordinal);
        Assert.Contains("ForceRestart", result.Error.Summary, StringComparison.Ordinal);
        Assert.Equal(PowerState.Off, (await _client.GetPowerStateAsync(system)).Value);
    }

    [InteropFact]
    public async Task Reset_ValueTheBmcRefuses_BadRequestWithItsMessage()
    {
        // A stale or forged list: the client sends Nmi, and the BMC's own check answers.
        var system = (await SystemAsync("bios1")) with { AllowedResetTypes = ["Nmi"] };
        var result = await _client.ResetAsync(system, ResetType.Nmi);
        Assert.Equal(RedfishErrorKind.BadRequest, result.Error?.Kind);
        Assert.Equal("Base.1.18.ActionParameterValueNotInList", result.Error!.Messages[0].MessageId);
        Assert.Contains("'Nmi'", result.Error.Message, StringComparison.Ordinal);
    }

    [InteropFact]
    public async Task BootOverride_PxeOnce_StartsQemuWithTheNicFirst_ThenReverts()
    {
        var system = await SystemAsync("bios1");
        var set = await _client.SetBootOverrideAsync(system, BootSource.Pxe, BootOverrideEnabled.Once);
        Assert.True(set.IsSuccess, set.ToString());
        var read = await SystemAsync("bios1");
        Assert.Equal(BootSource.Pxe, read.Boot!.Target);
        Assert.Equal(BootOverrideEnabled.Once, read.Boot.Enabled);
        Assert.NotEqual(system.ETag, read.ETag);

        Assert.True((await _client.ResetAsync(read, ResetType.On)).IsSuccess);
        var line = _bmc.QemuCommandLine("bios1")!;
        Assert.Contains(line, w => w.StartsWith("e1000,", StringComparison.Ordinal) && w.EndsWith(",bootindex=1", StringComparison.Ordinal));
        Assert.Contains(line, w => w.StartsWith("virtio-blk-pci,", StringComparison.Ordinal) && w.EndsWith(",bootindex=2", StringComparison.Ordinal));

        // Once: the override applied to this boot and is now Disabled.
        var after = await SystemAsync("bios1");
        Assert.Equal(BootOverrideEnabled.Disabled, after.Boot!.Enabled);
    }

    [InteropFact]
    public async Task BootOverride_HddContinuous_RestartWithNewOrderIsAColdStart()
    {
        var system = await SystemAsync("bios1");
        Assert.True((await _client.SetBootOverrideAsync(system, BootSource.Pxe, BootOverrideEnabled.Continuous)).IsSuccess);
        Assert.True((await _client.ResetAsync(await SystemAsync("bios1"), ResetType.On)).IsSuccess);
        var firstPid = QemuPid();
        Assert.Contains(_bmc.QemuCommandLine("bios1")!, w => w.StartsWith("e1000,", StringComparison.Ordinal) && w.EndsWith("bootindex=1", StringComparison.Ordinal));

        // Same order: ForceRestart is a QMP system_reset of the same process.
        Assert.True((await _client.ResetAsync(await SystemAsync("bios1"), ResetType.ForceRestart)).IsSuccess);
        Assert.Equal(firstPid, QemuPid());
        Assert.Equal(BootOverrideEnabled.Continuous, (await SystemAsync("bios1")).Boot!.Enabled);

        // New order: QEMU cannot reorder a running machine, so the restart starts a new process with the disk first.
        Assert.True((await _client.SetBootOverrideAsync(await SystemAsync("bios1"), BootSource.Hdd, BootOverrideEnabled.Continuous)).IsSuccess);
        Assert.True((await _client.ResetAsync(await SystemAsync("bios1"), ResetType.ForceRestart)).IsSuccess);
        Assert.NotEqual(firstPid, QemuPid());
        Assert.Contains(_bmc.QemuCommandLine("bios1")!, w => w.StartsWith("virtio-blk-pci,", StringComparison.Ordinal) && w.EndsWith("bootindex=1", StringComparison.Ordinal));
    }

    [InteropFact]
    public async Task BootOverride_StaleETag_ReadAgainAndApplied()
    {
        var stale = (await SystemAsync("bios1")) with { ETag = "\"stale\"" };
        var result = await _client.SetBootOverrideAsync(stale, BootSource.Hdd, BootOverrideEnabled.Once);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(BootSource.Hdd, (await SystemAsync("bios1")).Boot!.Target);

        // The BMC itself refuses the stale ETag with 412 (what the client recovered from above).
        using var raw = _bmc.RawClient();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/redfish/v1/Systems/bios1")
        {
            Content = new StringContent("""{"Boot":{"BootSourceOverrideTarget":"Pxe"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, (await raw.SendAsync(patch)).StatusCode);
    }

    [InteropFact]
    public async Task BootOverride_TargetNotAllowed_RefusedByClientAndByBmc()
    {
        var bios = await SystemAsync("bios1");
        var refused = await _client.SetBootOverrideAsync(bios, BootSource.UefiHttp, BootOverrideEnabled.Once);
        Assert.Equal(RedfishErrorKind.BootSourceNotAllowed, refused.Error?.Kind);

        var forged = bios with { Boot = bios.Boot! with { AllowedTargets = [] } };
        var answered = await _client.SetBootOverrideAsync(forged, BootSource.UefiHttp, BootOverrideEnabled.Once);
        Assert.Equal(RedfishErrorKind.BadRequest, answered.Error?.Kind);
        Assert.Equal("Base.1.18.PropertyValueNotInList", answered.Error!.Messages[0].MessageId);

        var uefi = await SystemAsync("uefi1");
        Assert.True((await _client.SetBootOverrideAsync(uefi, BootSource.UefiHttp, BootOverrideEnabled.Once, BootSourceMode.Uefi)).IsSuccess);
        var mode = await _client.SetBootOverrideAsync(await SystemAsync("uefi1"), BootSource.Pxe, BootOverrideEnabled.Once, BootSourceMode.Legacy);
        Assert.Equal(RedfishErrorKind.BadRequest, mode.Error?.Kind);
    }

    [InteropFact]
    public async Task PowerCycle_FollowsTheTaskMonitorToCompletion()
    {
        Assert.True((await _client.ResetAsync(await SystemAsync("uefi1"), ResetType.On)).IsSuccess);
        var before = QemuPid("uefi1");
        var cycle = await _client.ResetAsync(await SystemAsync("uefi1"), ResetType.PowerCycle);
        Assert.True(cycle.IsSuccess, cycle.ToString());
        Assert.Equal("Completed", cycle.Value.TaskState);
        Assert.Equal(200, cycle.Value.StatusCode);
        Assert.NotEqual(before, QemuPid("uefi1"));
        Assert.Equal(PowerState.On, (await SystemAsync("uefi1")).PowerState);
        // UEFI firmware from OVMF with the machine's own variable store.
        Assert.Contains(_bmc.QemuCommandLine("uefi1")!, w => w.Contains("OVMF_CODE", StringComparison.Ordinal));
    }

    [InteropFact]
    public async Task GracefulShutdown_GuestIgnoresIt_TaskFailsWithTheBmcMessage()
    {
        // A paused guest never answers the ACPI power button: the emulator's task gives up after 2 s.
        Assert.True((await _client.ResetAsync(await SystemAsync("bios1"), ResetType.On)).IsSuccess);
        var result = await _client.ResetAsync(await SystemAsync("bios1"), ResetType.GracefulShutdown);
        Assert.Equal(RedfishErrorKind.TaskFailed, result.Error?.Kind);
        Assert.Contains("did not power off", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(PowerState.On, (await SystemAsync("bios1")).PowerState);
    }

    [InteropFact]
    public async Task VirtualMedia_InsertWhileRunning_ThenEject()
    {
        var iso = Path.Combine(_bmc.Directory, "boot.iso");
        File.WriteAllBytes(iso, new byte[64 * 1024]);
        var system = await SystemAsync("bios1");
        Assert.True((await _client.ResetAsync(system, ResetType.On)).IsSuccess);

        var devices = await _client.GetVirtualMediaAsync(system);
        Assert.True(devices.IsSuccess, devices.ToString());
        var cd = Assert.Single(devices.Value);
        Assert.False(cd.Inserted);
        Assert.Contains("CD", cd.MediaTypes);

        var insert = await _client.InsertMediaAsync(cd, new Uri(iso));
        Assert.True(insert.IsSuccess, insert.ToString());
        var inserted = Assert.Single((await _client.GetVirtualMediaAsync(system)).Value);
        Assert.True(inserted.Inserted);
        Assert.Equal(iso, inserted.Image);

        Assert.True((await _client.EjectMediaAsync(inserted)).IsSuccess);
        Assert.False(Assert.Single((await _client.GetVirtualMediaAsync(system)).Value).Inserted);

        var missing = await _client.InsertMediaAsync(cd, new Uri(Path.Combine(_bmc.Directory, "absent.iso")));
        Assert.Equal(RedfishErrorKind.BadRequest, missing.Error?.Kind);
    }

    [InteropFact]
    public async Task BmcDown_MidWorkflow_ConnectionFailedNotAnException()
    {
        var system = await SystemAsync("bios1");
        _bmc.Kill();
        var state = await _client.GetPowerStateAsync(system);
        Assert.Equal(RedfishErrorKind.ConnectionFailed, state.Error?.Kind);
        var reset = await _client.ResetAsync(system, ResetType.On);
        Assert.Equal(RedfishErrorKind.ConnectionFailed, reset.Error?.Kind);
    }

    private int QemuPid(string id = "bios1")
    {
        var socket = Path.Combine(_bmc.StateDirectory, id + ".qmp");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var line = File.ReadAllText(Path.Combine(dir, "cmdline"));
                    if (line.Split('\0')[0].Contains("qemu-system", StringComparison.Ordinal) && line.Contains(socket, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                }
            }
        }

        return 0;
    }
}
