using BareMetal.Ipmi.Ipmitool;
using FsCheck;
using FsCheck.Xunit;

namespace BareMetal.Ipmi.Tests;

/// <summary>ipmitool 1.8.19's diagnostics (captured from runs against ipmi_sim and unreachable hosts) and what they mean.</summary>
public sealed class IpmitoolOutputTests
{
    [Theory]
    [InlineData("Loading IANA PEN Registry...\n> RAKP 2 HMAC is invalid\nError: Unable to establish IPMI v2 / RMCP+ session\n", IpmiErrorKind.AuthenticationFailed)]
    [InlineData("RAKP 2 message indicates an error : unauthorized name\nError: Unable to establish IPMI v2 / RMCP+ session\n", IpmiErrorKind.AuthenticationFailed)]
    [InlineData("Error in open session response message : invalid authentication algorithm\n\nError: Unable to establish IPMI v2 / RMCP+ session\n", IpmiErrorKind.UnsupportedCipherSuite)]
    [InlineData("Unsupported cipher suite ID : 99\n\nError: Unable to establish IPMI v2 / RMCP+ session\n", IpmiErrorKind.UnsupportedCipherSuite)]
    [InlineData("Get Auth Capabilities error\nError issuing Get Channel Authentication Capabilities request\nError: Unable to establish IPMI v2 / RMCP+ session\n", IpmiErrorKind.Unreachable)]
    [InlineData("Address lookup for nonexistent.invalid failed\nCould not open socket!\nError: Unable to establish IPMI v2 / RMCP+ session\n", IpmiErrorKind.Unreachable)]
    [InlineData("Set Chassis Power Control to Up/On failed: Insufficient privilege level\n", IpmiErrorKind.InsufficientPrivilege)]
    [InlineData("Invalid argument: floppyx\n", IpmiErrorKind.CommandFailed)]
    [InlineData("", IpmiErrorKind.CommandFailed)]
    public void Diagnose_RealStderr(string stderr, IpmiErrorKind expected)
    {
        var error = IpmitoolOutput.Diagnose(new IpmitoolRun(1, string.Empty, stderr));
        Assert.Equal(expected, error.Kind);
        Assert.Equal(1, error.ExitCode);
        Assert.DoesNotContain("IANA PEN", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Chassis Power is on\n", true, IpmiPowerState.On)]
    [InlineData("Chassis Power is off\n", true, IpmiPowerState.Off)]
    [InlineData("  Chassis Power is off  \r\n", true, IpmiPowerState.Off)]
    [InlineData("Chassis Power is unknown\n", false, IpmiPowerState.Off)]
    [InlineData("", false, IpmiPowerState.Off)]
    public void TryReadPowerState(string output, bool ok, IpmiPowerState expected)
    {
        Assert.Equal(ok, IpmitoolOutput.TryReadPowerState(output, out var state));
        Assert.Equal(expected, state);
    }

    /// <summary>Whatever ipmitool prints, a failed run maps to one error kind with its lines; nothing throws.</summary>
    [Property(MaxTest = 500)]
    public bool Diagnose_AnyOutput_IsAnError(NonNull<string> stderr, NonNull<string> stdout, int exitCode)
    {
        var error = IpmitoolOutput.Diagnose(new IpmitoolRun(exitCode, stdout.Get, stderr.Get));
        IpmitoolOutput.TryReadPowerState(stdout.Get, out _);
        return Enum.IsDefined(error.Kind) && error.ExitCode == exitCode;
    }
}
