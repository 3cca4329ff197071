using BareMetal.Testing;

namespace BareMetal.Ipmi.Tests;

/// <summary>The ipmitool driver against Debian's ipmi_sim over RMCP+ on loopback.</summary>
public sealed class IpmitoolSimulatorTests : IDisposable
{
    private readonly IpmiSimulator _sim = IpmiSimulator.Start();

    public void Dispose() => _sim.Dispose();

    [InteropFact]
    public async Task Power_StatusOnOffCycleReset()
    {
        var client = new IpmitoolClient(_sim.Options());
        Assert.Equal(IpmiPowerState.Off, (await client.GetPowerStateAsync()).Value);

        var on = await client.PowerOnAsync();
        Assert.True(on.IsSuccess, on.ToString());
        Assert.Equal(IpmiPowerState.On, (await client.GetPowerStateAsync()).Value);

        // A cycle is off, a pause (ipmi_sim: about a second, like a real BMC), then on: it completes after the answer.
        Assert.True((await client.PowerCycleAsync()).IsSuccess);
        Assert.True(await EventuallyAsync(client, IpmiPowerState.On), "the cycle never came back on");
        Assert.True((await client.PowerResetAsync()).IsSuccess);
        Assert.Equal(IpmiPowerState.On, (await client.GetPowerStateAsync()).Value);

        Assert.True((await client.PowerOffAsync()).IsSuccess);
        Assert.Equal(IpmiPowerState.Off, (await client.GetPowerStateAsync()).Value);

        // What reached the chassis, in order: on; cycle = off then on; reset pulse; off.
        var sets = _sim.ChassisCalls.Where(c => c.StartsWith("set ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["set power 1", "set power 0", "set power 1", "set reset 1", "set power 0"], sets);
    }

    private static async Task<bool> EventuallyAsync(IpmitoolClient client, IpmiPowerState expected)
    {
        for (var i = 0; i < 50; i++)
        {
            if ((await client.GetPowerStateAsync()).Value == expected)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    [InteropFact]
    public async Task BootDevice_PxeEfiThenDiskPersistent()
    {
        var client = new IpmitoolClient(_sim.Options());
        var pxe = await client.SetBootDeviceAsync(IpmiBootDevice.Pxe, efi: true);
        Assert.True(pxe.IsSuccess, pxe.ToString());
        Assert.Contains("set boot pxe", _sim.ChassisCalls);

        // ipmi_sim hands the chassis "default" for every device but PXE (its chassis interface knows none|pxe|default).
        Assert.True((await client.SetBootDeviceAsync(IpmiBootDevice.Disk, efi: true, persistent: true)).IsSuccess);
        Assert.Equal("set boot default", _sim.ChassisCalls.Last(c => c.StartsWith("set boot", StringComparison.Ordinal)));
    }

    [InteropFact]
    public async Task PasswordFile_Works()
    {
        var file = Path.Combine(_sim.Directory, "password");
        File.WriteAllText(file, IpmiSimulator.AdminPassword + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var options = _sim.Options();
        var client = new IpmitoolClient(new IpmiClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            UserName = options.UserName,
            Password = IpmiPassword.FromFile(file),
            CipherSuite = 3,
        });
        Assert.Equal(IpmiPowerState.Off, (await client.GetPowerStateAsync()).Value);
    }

    [InteropFact]
    public async Task WrongPassword_AuthenticationFailed_WithoutTheSecret()
    {
        const string wrong = "h18-wrong-Secret";
        var result = await new IpmitoolClient(_sim.Options(password: wrong)).GetPowerStateAsync();
        Assert.Equal(IpmiErrorKind.AuthenticationFailed, result.Error?.Kind);
        Assert.Contains("RAKP 2 HMAC is invalid", result.Error!.ToolOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_sim.ChassisCalls);
    }

    [InteropFact]
    public async Task UnknownUser_AuthenticationFailed()
    {
        var result = await new IpmitoolClient(_sim.Options(user: "nobody")).PowerOnAsync();
        Assert.Equal(IpmiErrorKind.AuthenticationFailed, result.Error?.Kind);
        Assert.Contains("unauthorized name", result.Error!.ToolOutput, StringComparison.Ordinal);
    }

    [InteropFact]
    public async Task CipherSuite17_UnsupportedByThisBmc()
    {
        var result = await new IpmitoolClient(_sim.Options(cipherSuite: 17)).GetPowerStateAsync();
        Assert.Equal(IpmiErrorKind.UnsupportedCipherSuite, result.Error?.Kind);
    }

    [InteropFact]
    public async Task UserPrivilege_CannotPowerOn()
    {
        var viewer = new IpmitoolClient(_sim.Options(IpmiSimulator.Viewer, IpmiSimulator.ViewerPassword, privilege: "USER"));
        Assert.Equal(IpmiPowerState.Off, (await viewer.GetPowerStateAsync()).Value);
        var result = await viewer.PowerOnAsync();
        Assert.Equal(IpmiErrorKind.InsufficientPrivilege, result.Error?.Kind);
        Assert.DoesNotContain("set power 1", _sim.ChassisCalls);
    }

    [InteropFact]
    public async Task NothingListening_Unreachable()
    {
        var options = _sim.Options();
        var started = DateTime.UtcNow;
        var result = await new IpmitoolClient(new IpmiClientOptions
        {
            Host = "127.0.0.1",
            Port = IpmiSimulator.FreeUdpPort(),
            UserName = options.UserName,
            Password = options.Password,
            CipherSuite = 3,
            RetransmitSeconds = 1,
            Retries = 1,
        }).GetPowerStateAsync();
        Assert.Equal(IpmiErrorKind.Unreachable, result.Error?.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [InteropFact]
    public async Task SlowerThanTheCommandTimeout_TimeoutAndStopped()
    {
        var options = _sim.Options();
        var started = DateTime.UtcNow;
        var result = await new IpmitoolClient(new IpmiClientOptions
        {
            Host = "127.0.0.1",
            Port = IpmiSimulator.FreeUdpPort(),
            UserName = options.UserName,
            Password = options.Password,
            CipherSuite = 3,
            RetransmitSeconds = 5,
            Retries = 5,
            CommandTimeout = TimeSpan.FromMilliseconds(500),
        }).GetPowerStateAsync();
        Assert.Equal(IpmiErrorKind.Timeout, result.Error?.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [InteropFact]
    public async Task NoIpmitool_ToolMissing()
    {
        var options = _sim.Options();
        var result = await new IpmitoolClient(new IpmiClientOptions
        {
            Host = options.Host,
            UserName = options.UserName,
            Password = options.Password,
            IpmitoolPath = "/nonexistent/bmh18/ipmitool",
        }).PowerOnAsync();
        Assert.Equal(IpmiErrorKind.ToolMissing, result.Error?.Kind);
    }
}
