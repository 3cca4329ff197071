namespace BareMetal.Ipxe.Tests.Linting;

public class IpxeLinterTests
{
    private static IReadOnlyList<IpxeDiagnostic> Lint(string body, IpxeLintOptions? options = null) =>
        IpxeLinter.Lint("#!ipxe\n" + body, options ?? new IpxeLintOptions { ReportUnusedLabels = false });

    private static IpxeDiagnostic Single(string body, IpxeDiagnosticCode code, IpxeLintOptions? options = null)
    {
        var found = Lint(body, options);
        return Assert.Single(found, d => d.Code == code);
    }

    [Fact]
    public void CleanScript_HasNoFindings()
    {
        var found = IpxeLinter.Lint(
            "#!ipxe\ndhcp || goto failed\nkernel http://192.0.2.1/vmlinuz initrd=initrd.img\ninitrd http://192.0.2.1/initrd.img\nboot || goto failed\n:failed\necho Boot failed\nshell\n",
            new IpxeLintOptions { Platform = IpxePlatform.Efi, Features = IpxeFeatures.Http | IpxeFeatures.Tftp });

        Assert.Empty(found);
        Assert.True(IpxeLinter.IsClean(found));
    }

    [Fact]
    public void MissingHeader_IsErrorAtStart()
    {
        var found = IpxeLinter.Lint("echo hi\n");

        var diagnostic = Assert.Single(found);
        Assert.Equal(("IPXE001", IpxeSeverity.Error, new IpxePosition(1, 1)), (diagnostic.Id, diagnostic.Severity, diagnostic.Position));
        Assert.Contains("add '#!ipxe' as the first line", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedLabel_SuggestsClosestLabel()
    {
        var diagnostic = Single("goto retyr\n:retry\necho x\n", IpxeDiagnosticCode.UndefinedLabel);

        Assert.Equal(new IpxePosition(2, 6), diagnostic.Position);
        Assert.Contains("Did you mean 'retry'?", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DynamicGoto_IsNotChecked()
    {
        Assert.DoesNotContain(Lint("set t a\ngoto ${t}\n:a\n"), d => d.Code == IpxeDiagnosticCode.UndefinedLabel);
    }

    [Fact]
    public void DuplicateLabel_WarnsAtSecond()
    {
        var diagnostic = Single(":a\necho 1\n:a\necho 2\n", IpxeDiagnosticCode.DuplicateLabel);

        Assert.Equal((IpxeSeverity.Warning, new IpxePosition(4, 2)), (diagnostic.Severity, diagnostic.Position));
        Assert.Contains("line 2", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("goto end\necho never\n:end\n", 3)]
    [InlineData("exit\n\n# comment\necho never\n", 5)]
    [InlineData("echo a ; goto end\necho never\n:end\n", 3)]
    public void UnreachableLine_AfterUnconditionalJump(string body, int line)
    {
        var diagnostic = Single(body, IpxeDiagnosticCode.UnreachableLine);

        Assert.Equal(line, diagnostic.Position.Line);
    }

    [Theory]
    [InlineData("goto end\n ; echo never\n:end\n", 3, 4)]
    [InlineData("exit\n ;  ; echo never\n", 3, 7)]
    public void UnreachableLine_StartingWithAnEmptyCommand_PointsAtTheFirstRealCommand(string body, int line, int column)
    {
        // Line 1 is the "#!ipxe" header the helper adds. Found by the GrammarText property (FsCheck replay 7917055246535534996,13369329272918923543,69): an empty
        // command before ';' has no position of its own, and the finding was reported at 0:0.
        var diagnostic = Single(body, IpxeDiagnosticCode.UnreachableLine);

        Assert.Equal(new IpxePosition(line, column), diagnostic.Position);
    }

    [Theory]
    [InlineData("chain http://x/y || goto end\necho reachable\n:end\n")]
    [InlineData("isset ${a} && goto end ||\necho reachable\n:end\n")]
    [InlineData("goto end\n:end\necho reachable\n")]
    public void ConditionalJump_LeavesNextLineReachable(string body)
    {
        Assert.DoesNotContain(Lint(body), d => d.Code == IpxeDiagnosticCode.UnreachableLine);
    }

    [Fact]
    public void BootWithoutKernel_IsError()
    {
        var diagnostic = Single("initrd http://192.0.2.1/initrd.img\nboot\n", IpxeDiagnosticCode.BootWithoutKernel);

        Assert.Equal(new IpxePosition(3, 1), diagnostic.Position);
        Assert.Contains("Add 'kernel <uri>'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BootAfterImgfree_IsError()
    {
        Single("kernel http://x/k\nimgfree\nboot\n", IpxeDiagnosticCode.BootWithoutKernel);
    }

    [Fact]
    public void SettingNeverSet_WarnsOncePerName()
    {
        var found = Lint("echo ${base-url} ${base-url} ${mac} ${net0/ip} ${175.19} ${server}\nset server 192.0.2.1\n");

        var diagnostic = Assert.Single(found, d => d.Code == IpxeDiagnosticCode.SettingNeverSet);
        Assert.Equal(new IpxePosition(2, 6), diagnostic.Position);
        Assert.Contains("'${base-url}'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownSettings_Suppress()
    {
        Assert.Empty(Lint("echo ${site}\n", new IpxeLintOptions { KnownSettings = ["site"], ReportUnusedLabels = false }));
    }

    [Fact]
    public void UnknownSettingType_Warns()
    {
        var diagnostic = Single("echo ${mac:hexdash}\n", IpxeDiagnosticCode.UnknownSettingType);

        Assert.Contains("hexhyp", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedScheme_GivenFeatureFlags()
    {
        var options = new IpxeLintOptions { Features = IpxeFeatures.Http | IpxeFeatures.Tftp, ReportUnusedLabels = false };

        var diagnostic = Single("chain https://192.0.2.1/boot.ipxe\n", IpxeDiagnosticCode.UnsupportedScheme, options);

        Assert.Equal(new IpxePosition(2, 7), diagnostic.Position);
        Assert.Contains("option 175.20", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("(http, tftp)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheme_WithoutFeatureFlags_IsNotChecked()
    {
        Assert.Empty(Lint("chain https://192.0.2.1/boot.ipxe\n"));
    }

    [Theory]
    [InlineData("chain hxxp://192.0.2.1/boot.ipxe\n")]
    [InlineData("kernel http:/vmlinuz\n")]
    [InlineData("sanboot sftp://192.0.2.1/disk\n")]
    public void InvalidUri_IsError(string body)
    {
        Single(body, IpxeDiagnosticCode.InvalidUri);
    }

    [Theory]
    [InlineData("kernel vmlinuz\nboot\n")]
    [InlineData("chain ${root}/boot.ipxe\nset root http://x\n")]
    [InlineData("boot kernel-image\n")]
    public void RelativeUrisAndImageNames_AreAccepted(string body)
    {
        Assert.DoesNotContain(Lint(body), d => d.Code == IpxeDiagnosticCode.InvalidUri);
    }

    [Theory]
    [InlineData("iseq ${platform} efi && goto efi\n:efi\n", true)]
    [InlineData("isset ${filename}\n", true)]
    [InlineData("prompt --timeout 2000 Press a key && goto shell\n:shell\n", true)]
    [InlineData("iseq ${platform} efi && goto efi ||\n:efi\n", false)]
    [InlineData("isset ${a} || set a 1\n", false)]
    [InlineData("isset ${a} ; echo x\n", false)]
    public void UnguardedCondition(string body, bool expected)
    {
        Assert.Equal(expected, Lint(body).Any(d => d.Code == IpxeDiagnosticCode.UnguardedCondition));
    }

    [Theory]
    [InlineData("sleep five\n", true)]
    [InlineData("sleep 5\n", false)]
    [InlineData("sleep 0x10\n", false)]
    [InlineData("sleep 08\n", true)]
    [InlineData("sleep ${delay}\nset delay 3\n", false)]
    [InlineData("prompt --timeout 2s x ||\n", true)]
    [InlineData("prompt --key y x ||\n", false)]
    [InlineData("sanboot --drive 0x80\n", false)]
    [InlineData("sanboot --drive disk\n", true)]
    [InlineData("exit one\n", true)]
    public void InvalidInteger(string body, bool expected)
    {
        Assert.Equal(expected, Lint(body).Any(d => d.Code == IpxeDiagnosticCode.InvalidInteger));
    }

    [Fact]
    public void EfiInitrdNotNamed_OnEfiOnly()
    {
        const string body = "kernel http://x/vmlinuz quiet\ninitrd http://x/initrd.img\ninitrd --name extra http://x/a.cpio\nboot\n";
        var efi = new IpxeLintOptions { Platform = IpxePlatform.Efi, ReportUnusedLabels = false };

        var found = Lint(body, efi).Where(d => d.Code == IpxeDiagnosticCode.EfiInitrdNotNamed).ToList();

        Assert.Equal(2, found.Count);
        Assert.Contains("initrd=initrd.img", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("initrd=extra", found[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Lint(body), d => d.Code == IpxeDiagnosticCode.EfiInitrdNotNamed);
    }

    [Theory]
    [InlineData("iftrue ${x}\n", "iPXE has no conditional blocks")]
    [InlineData("kernal http://x/k\n", "check the spelling")]
    public void UnknownCommand_SaysFix(string body, string fix)
    {
        var diagnostic = Single(body, IpxeDiagnosticCode.UnknownCommand);

        Assert.Contains(fix, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MenuItemWithoutLabel_WhenJumpingToChoice()
    {
        var diagnostic = Single(
            "menu Boot\nitem local Local disk\nitem install Install\nitem --gap --\nchoose target && goto ${target} ||\n:local\nexit\n",
            IpxeDiagnosticCode.MenuItemWithoutLabel);

        Assert.Equal(new IpxePosition(4, 6), diagnostic.Position);
        Assert.Contains("Add a ':install' line", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnusedLabel_IsInfo()
    {
        var found = IpxeLinter.Lint("#!ipxe\n:start\necho hi\n");

        var diagnostic = Assert.Single(found);
        Assert.Equal((IpxeDiagnosticCode.UnusedLabel, IpxeSeverity.Info), (diagnostic.Code, diagnostic.Severity));
        Assert.True(IpxeLinter.IsClean(found));
    }

    [Fact]
    public void OptionAndArgumentErrors_FromReader_AreIncluded()
    {
        var found = Lint("kernel --nmae k http://x/k\ngoto\nchain --autofree=1 http://x/y\nimgfree -h\n");

        Assert.Equal(
            [IpxeDiagnosticCode.UnknownOption, IpxeDiagnosticCode.ArgumentCount, IpxeDiagnosticCode.UnexpectedOptionValue, IpxeDiagnosticCode.HelpOption],
            found.Select(d => d.Code));
    }

    [Fact]
    public void Format_OneFindingPerLine()
    {
        var text = IpxeLinter.Format(IpxeLinter.Lint("#!ipxe\ngoto nowhere\n"));

        Assert.StartsWith("2:6: error IPXE007: 'goto nowhere'", text, StringComparison.Ordinal);
    }
}
