using BareMetal.Ipmi.Ipmitool;

namespace BareMetal.Ipmi.Tests;

/// <summary>
/// What ipmitool is started with: an argument list without the password, the password only in the child's
/// environment (or as a file path). The program here is a script that records its argv and environment, so the
/// test sees exactly what a real ipmitool would receive.
/// </summary>
public sealed class IpmitoolProcessContractTests : IDisposable
{
    private const string Secret = "h18-Contract-Secret";
    private readonly string _directory = Directory.CreateTempSubdirectory("bmh18-argv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PasswordValue_GoesThroughTheEnvironment_NeverTheArguments()
    {
        var recorder = Path.Combine(_directory, "ipmitool");
        File.WriteAllText(recorder, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > {_directory}/argv\nprintf '%s' \"$IPMI_PASSWORD\" > {_directory}/env\necho 'Chassis Power is on'\n");
        File.SetUnixFileMode(recorder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var client = new IpmitoolClient(new IpmiClientOptions
        {
            Host = "198.18.0.7",
            UserName = "admin; rm -rf /",
            Password = IpmiPassword.FromValue(Secret),
            IpmitoolPath = recorder,
        });

        Assert.Equal(IpmiPowerState.On, (await client.GetPowerStateAsync()).Value);
        var argv = File.ReadAllLines(Path.Combine(_directory, "argv"));
        Assert.DoesNotContain(argv, a => a.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain("-P", argv);
        Assert.Contains("-E", argv);
        // No shell: the odd user name arrives as one argument, untouched.
        Assert.Equal("admin; rm -rf /", argv[Array.IndexOf(argv, "-U") + 1]);
        Assert.Equal(["-I", "lanplus", "-H", "198.18.0.7", "-p", "623"], argv[..6]);
        Assert.Equal("17", argv[Array.IndexOf(argv, "-C") + 1]);
        Assert.Equal(["power", "status"], argv[^2..]);
        Assert.Equal(Secret, File.ReadAllText(Path.Combine(_directory, "env")));
    }

    [Fact]
    public void PasswordFile_IsPassedAsAPath_AndTheEnvironmentIsCleared()
    {
        var args = IpmitoolRunner.Arguments(
            new IpmiClientOptions { Host = "h", UserName = "u", Password = IpmiPassword.FromFile("/etc/bmc.pass") },
            ["chassis", "bootdev", "pxe", "options=efiboot"]);
        Assert.Equal("/etc/bmc.pass", args[args.IndexOf("-f") + 1]);
        Assert.DoesNotContain("-E", args);
        Assert.Equal("IpmiPassword(file /etc/bmc.pass)", IpmiPassword.FromFile("/etc/bmc.pass").ToString());
        Assert.DoesNotContain(Secret, IpmiPassword.FromValue(Secret).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-H")]
    [InlineData("--help")]
    public void OptionLikeHost_IsAConfigurationError(string host) =>
        Assert.Throws<ArgumentException>(() => new IpmitoolClient(new IpmiClientOptions { Host = host, UserName = "u", Password = IpmiPassword.FromValue("p") }));

    [Fact]
    public void Redact_RemovesTheSecretShouldItAppear() =>
        Assert.Equal("echo *** back", IpmitoolRunner.Redact("echo " + Secret + " back", Secret));
}
