namespace BareMetal.Ipxe.Tests.Linting;

/// <summary>IPXE023: commands iPXE defines that only some builds have, and IPXE002 for names it does not define.</summary>
public class IpxeBuildCommandTests
{
    private static IpxeDiagnostic[] Findings(string body, IpxeLintOptions? options = null) =>
        [.. IpxeLinter.Lint("#!ipxe\n" + body, options ?? new IpxeLintOptions { ReportUnusedLabels = false })
            .Where(d => d.Code is IpxeDiagnosticCode.CommandNotInEveryBuild or IpxeDiagnosticCode.UnknownCommand)];

    [Fact]
    public void Cpuid_GuardedArchitectureTest_IsInformationOnly()
    {
        var diagnostic = Assert.Single(Findings("cpuid --ext 29 && set arch x86_64 || set arch i386\n"));

        Assert.Equal((IpxeDiagnosticCode.CommandNotInEveryBuild, IpxeSeverity.Info), (diagnostic.Code, diagnostic.Severity));
        Assert.Contains("CPUID_CMD", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("src/arch/x86/hci/commands/cpuid_cmd.c", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpuid_Unguarded_IsWarningNeverError()
    {
        var found = IpxeLinter.Lint("#!ipxe\ncpuid --ext 29 && set arch x86_64\n");

        Assert.Contains(found, d => d.Code == IpxeDiagnosticCode.CommandNotInEveryBuild && d.Severity == IpxeSeverity.Warning);
        Assert.Contains(found, d => d.Code == IpxeDiagnosticCode.UnguardedCondition);
        Assert.DoesNotContain(found, d => d.Severity == IpxeSeverity.Error);
    }

    [Theory]
    [InlineData(IpxeArchitecture.X64)]
    [InlineData(IpxeArchitecture.I386)]
    public void Cpuid_OnX86Target_IsClean(IpxeArchitecture architecture)
    {
        Assert.Empty(Findings("cpuid --ext 29 && set arch x86_64 || set arch i386\n", new IpxeLintOptions { Architecture = architecture }));
    }

    [Fact]
    public void Cpuid_OnArm64Target_IsErrorWhenUnguarded_InformationWhenGuarded()
    {
        var arm64 = new IpxeLintOptions { Architecture = IpxeArchitecture.Arm64 };

        Assert.Equal(IpxeSeverity.Error, Assert.Single(Findings("cpuid 29\n", arm64)).Severity);
        var guarded = Assert.Single(Findings("cpuid --ext 29 && set arch x86_64 || set arch arm64\n", arm64));
        Assert.Equal(IpxeSeverity.Info, guarded.Severity);
        Assert.StartsWith("The target build has no 'cpuid'", guarded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCommand_OnKnownTarget_GuardedButNotATest_IsWarning()
    {
        var efi = new IpxeLintOptions { Platform = IpxePlatform.Efi };

        var diagnostic = Assert.Single(Findings("startpxe || goto failed\n:failed\n", efi));

        Assert.Equal(IpxeSeverity.Warning, diagnostic.Severity);
        Assert.Contains("only x86 BIOS builds", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalCommand_NamesItsBuildOption()
    {
        var diagnostic = Assert.Single(Findings("ping 192.0.2.1\n"));

        Assert.Equal(IpxeSeverity.Warning, diagnostic.Severity);
        Assert.Contains("PING_CMD", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildOptions_SayWhatTheTargetHas()
    {
        var withPing = new IpxeLintOptions { BuildOptions = ["PING_CMD", "IMAGE_CMD"] };
        var withoutPing = new IpxeLintOptions { BuildOptions = ["IMAGE_CMD"] };

        Assert.Empty(Findings("ping 192.0.2.1\nkernel http://192.0.2.1/k\n", withPing));
        var diagnostic = Assert.Single(Findings("ping 192.0.2.1\n", withoutPing));
        Assert.Equal(IpxeSeverity.Error, diagnostic.Severity);
        Assert.Contains("does not define PING_CMD", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultExceptBios_OnEfi_IsClean_OnBiosOrUnknown_Warns()
    {
        const string body = "console --picture http://192.0.2.1/bg.png ||\nparam --params p mac ${mac}\n";

        Assert.Empty(Findings(body, new IpxeLintOptions { Platform = IpxePlatform.Efi }));
        var bios = Findings(body, new IpxeLintOptions { Platform = IpxePlatform.Bios });
        Assert.Equal([IpxeSeverity.Info, IpxeSeverity.Warning], bios.Select(d => d.Severity));
        Assert.Contains("PARAM_CMD", bios[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultCommands_AreClean()
    {
        Assert.Empty(Findings("dhcp\nimgset cfg http://192.0.2.1/cfg.txt\nmenu M\nitem a A\nchoose x ||\nsanboot --no-describe --drive 0x80\n"));
    }

    [Theory]
    [InlineData("initd http://192.0.2.1/initrd.img\n", "initd")]
    [InlineData("sleep1\n", "sleep1")]
    [InlineData("append initrd=initrd.img\n", "append")]
    [InlineData("chain http://192.0.2.1/x || error\n", "error")]
    [InlineData("pnplist\n", "pnplist")]
    public void NamesIpxeDoesNotDefine_StayErrors(string body, string name)
    {
        var diagnostic = Assert.Single(Findings(body));

        Assert.Equal((IpxeDiagnosticCode.UnknownCommand, IpxeSeverity.Error), (diagnostic.Code, diagnostic.Severity));
        Assert.StartsWith($"'{name}' is not an iPXE command", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalCommands_AcceptsAPatchedBuildsCommands()
    {
        Assert.Empty(Findings("fetchvar url http://192.0.2.1/v\n", new IpxeLintOptions { AdditionalCommands = ["fetchvar"] }));
    }
}
