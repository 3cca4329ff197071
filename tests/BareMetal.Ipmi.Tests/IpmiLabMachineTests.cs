using System.Reflection;
using System.Text.Json.Nodes;
using BareMetal.Redfish;
using BareMetal.Redfish.Tests;
using BareMetal.Testing;

namespace BareMetal.Ipmi.Tests;

/// <summary>
/// The lab's IPMI machine, end to end: ipmitool → ipmi_sim (RMCP+) → samples/lab/bmc/ipmi-chassis-control.sh →
/// the lab BMC's control socket → QEMU through QMP. The machine is started paused (no CPU), but every hop is real.
/// </summary>
public sealed class IpmiLabMachineTests : IAsyncLifetime
{
    private LabBmc _bmc = null!;
    private IpmiSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        string? socket = null;
        _bmc = await LabBmc.StartAsync(config =>
        {
            socket = Path.Combine(Path.GetDirectoryName(config["stateDirectory"]!.GetValue<string>())!, "control.sock");
            config["controlSocket"] = socket;
            config["machines"]!.AsArray().Add(new JsonObject
            {
                ["id"] = "ipmi1",
                ["controlledBy"] = "ipmi",
                ["arguments"] = LabBmc.PausedMachineArguments(),
                ["nic"] = new JsonObject { ["device"] = "e1000", ["mac"] = "52:54:00:18:00:03", ["netdev"] = "user" },
            });
        });
        var script = typeof(IpmiLabMachineTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ChassisControlScript").Value!;
        _sim = IpmiSimulator.Start($"{script} {socket} ipmi1");
    }

    public async Task DisposeAsync()
    {
        _sim.Dispose();
        await _bmc.DisposeAsync();
    }

    [InteropFact]
    public async Task Ipmi_BootdevPxeThenPowerOn_StartsQemuWithTheNicFirst_ThenOff()
    {
        // ipmi_sim runs the chassis program synchronously, and starting QEMU takes most of a second: the
        // retransmission timeout must be longer than that, or ipmitool resends and mismatches the answers.
        var options = _sim.Options();
        var ipmi = new IpmitoolClient(new IpmiClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            UserName = options.UserName,
            Password = options.Password,
            CipherSuite = options.CipherSuite,
            RetransmitSeconds = 5,
            Retries = 2,
        });
        Assert.Equal(IpmiPowerState.Off, (await ipmi.GetPowerStateAsync()).Value);
        Assert.Null(_bmc.QemuCommandLine("ipmi1"));

        var boot = await ipmi.SetBootDeviceAsync(IpmiBootDevice.Pxe);
        Assert.True(boot.IsSuccess, boot.ToString());
        var on = await ipmi.PowerOnAsync();
        Assert.True(on.IsSuccess, on.ToString());
        Assert.Equal(IpmiPowerState.On, (await ipmi.GetPowerStateAsync()).Value);
        var line = _bmc.QemuCommandLine("ipmi1");
        Assert.NotNull(line);
        Assert.Contains(line, w => w.StartsWith("e1000,", StringComparison.Ordinal) && w.EndsWith("bootindex=1", StringComparison.Ordinal));

        Assert.True((await ipmi.PowerOffAsync()).IsSuccess);
        Assert.Equal(IpmiPowerState.Off, (await ipmi.GetPowerStateAsync()).Value);
        Assert.Null(_bmc.QemuCommandLine("ipmi1"));
    }

    [InteropFact]
    public async Task Redfish_DoesNotSeeTheIpmiMachine()
    {
        await using var client = RedfishClient.Create(_bmc.Options());
        var systems = await client.GetSystemPathsAsync();
        Assert.True(systems.IsSuccess, systems.ToString());
        Assert.DoesNotContain("/redfish/v1/Systems/ipmi1", systems.Value);
        Assert.Equal(RedfishErrorKind.NotFound, (await client.GetSystemByPathAsync("/redfish/v1/Systems/ipmi1")).Error?.Kind);
    }
}
