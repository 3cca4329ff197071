using BareMetal.LabAgent.Actions;
using BareMetal.LabAgent.Actions.Power;
using BareMetal.Testing;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>
/// reboot, poweroff and kexec compute their system calls through <see cref="ISystemPower"/>; here a recorder takes the
/// calls, so the plan is checked and this machine keeps running. The real kexec_file_load is called once with a file
/// that is not a kernel, which every kernel refuses.
/// </summary>
public sealed class PowerActionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Recorder _power = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _dir.Dispose();
        _http.Dispose();
    }

    [Theory]
    [InlineData("reboot", "rebooting", RebootCommand.Restart)]
    [InlineData("poweroff", "powering off", RebootCommand.PowerOff)]
    public async Task RebootAndPoweroff_SucceedThenSyncAndCallReboot(string type, string message, RebootCommand command)
    {
        var result = await AgentActions.Create(_http, _power).RunAsync(Contexts.For(type, "{}"), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(message, result.Message);
        Assert.Empty(_power.Calls); // nothing happens before the runner has reported the result
        var e = Assert.Throws<IOException>(result.AfterReport!);
        Assert.Equal(["sync", $"reboot {command}"], _power.Calls);
        Assert.StartsWith($"reboot(2) {command} failed: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RebootCommands_AreTheKernelsValues()
    {
        // include/uapi/linux/reboot.h
        Assert.Equal(0x01234567, (int)RebootCommand.Restart);
        Assert.Equal(0x4321FEDC, (int)RebootCommand.PowerOff);
        Assert.Equal(0x45584543, (int)RebootCommand.Kexec);
    }

    [Fact]
    public async Task Kexec_LoadsKernelInitrdAndCmdlineThenRebootsIntoIt()
    {
        var kernel = Touch("vmlinuz");
        var initrd = Touch("initrd.img");
        var result = await Run($$"""{"kernel":"{{kernel}}","initrd":"{{initrd}}","cmdline":"root=/dev/vda2 console=ttyS0"}""");
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([$"kexec_file_load {kernel} {initrd} 'root=/dev/vda2 console=ttyS0'"], _power.Calls);
        Assert.Throws<IOException>(result.AfterReport!);
        Assert.Equal(["sync", "reboot Kexec"], _power.Calls.Skip(1));
    }

    [Fact]
    public async Task Kexec_NoInitrd_PassesNull()
    {
        var kernel = Touch("vmlinuz");
        Assert.True((await Run($$"""{"kernel":"{{kernel}}"}""")).Succeeded);
        Assert.Equal([$"kexec_file_load {kernel} - ''"], _power.Calls);
    }

    [Fact]
    public async Task Kexec_KernelRefused_FailsWithTheReasonAndDoesNotReboot()
    {
        _power.KexecErrno = 38;
        var result = await Run($$"""{"kernel":"{{Touch("vmlinuz")}}"}""");
        Assert.Equal(ActionState.Failed, result.State);
        Assert.EndsWith("the running kernel was built without CONFIG_KEXEC_FILE", result.Message, StringComparison.Ordinal);
        Assert.Null(result.AfterReport);
    }

    [Theory]
    [InlineData("""{"cmdline":"x"}""", "parameter 'kernel' is missing")]
    [InlineData("""{"kernel":"/nonexistent/h17-vmlinuz"}""", "parameter 'kernel' names '/nonexistent/h17-vmlinuz', which does not exist")]
    [InlineData("""{"kernel":"/bin/sh","initrd":"/nonexistent/h17-initrd"}""", "parameter 'initrd' names '/nonexistent/h17-initrd', which does not exist")]
    [InlineData("""{"kernel":"http://[bad"}""", "parameter 'kernel' is not a valid URL")]
    public async Task Kexec_InvalidParameters_FailBeforeAnySystemCall(string json, string expected)
    {
        var result = await Run(json);
        Assert.Equal(ActionState.Failed, result.State);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Empty(_power.Calls);
    }

    [Fact]
    public async Task Kexec_CommandLineTooLong_IsRejected()
    {
        var result = await Run($$"""{"kernel":"/bin/sh","cmdline":"{{new string('a', 2048)}}"}""");
        Assert.Contains("parameter 'cmdline' is longer than the kernel accepts (2047 bytes)", result.Message, StringComparison.Ordinal);
        Assert.Empty(_power.Calls);
    }

    [InteropFact]
    public void RealKexecFileLoad_NotAKernel_IsRefused()
    {
        // ENOSYS (no CONFIG_KEXEC_FILE, as on this test VM), ENOEXEC (not a bzImage), EPERM (no CAP_SYS_BOOT or
        // kexec disabled) or EKEYREJECTED (signatures enforced): never success for random bytes.
        var bogus = _dir.File("not-a-kernel");
        File.WriteAllBytes(bogus, new byte[64 * 1024]);
        var errno = new LinuxSystemPower().KexecFileLoad(bogus, null, "console=ttyS0");
        Assert.Contains(errno, new[] { 38, 8, 1, 129, 22 });
    }

    private Task<ActionResult> Run(string json) =>
        AgentActions.Create(_http, _power).RunAsync(Contexts.For("kexec", json), CancellationToken.None);

    private string Touch(string name)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, "image");
        return path;
    }

    /// <summary>Records the plan; reboot "fails" with EPERM so that the step returns, as it does when the kernel refuses.</summary>
    internal sealed class Recorder : ISystemPower
    {
        public List<string> Calls { get; } = [];

        public int KexecErrno { get; set; }

        public void Sync() => Calls.Add("sync");

        public int Reboot(RebootCommand command)
        {
            Calls.Add($"reboot {command}");
            return 1;
        }

        public int KexecFileLoad(string kernelPath, string? initrdPath, string commandLine)
        {
            if (KexecErrno == 0)
            {
                Calls.Add($"kexec_file_load {kernelPath} {initrdPath ?? "-"} '{commandLine}'");
            }

            return KexecErrno;
        }
    }
}
