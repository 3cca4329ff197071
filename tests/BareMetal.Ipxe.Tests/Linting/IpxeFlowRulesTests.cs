namespace BareMetal.Ipxe.Tests.Linting;

/// <summary>
/// The rules that follow the script as iPXE runs it: which setting a <c>choose</c> writes and whether it reaches a
/// <c>goto ${...}</c> (IPXE021), which lines run after <c>chain --replace</c>, <c>exit</c>, <c>goto</c> (IPXE009),
/// and <c>boot</c> only where it can run (IPXE010).
/// </summary>
public class IpxeFlowRulesTests
{
    private static IReadOnlyList<IpxeDiagnostic> Lint(string body, IpxeLintOptions? options = null) =>
        IpxeLinter.Lint("#!ipxe\n" + body, options ?? new IpxeLintOptions { ReportUnusedLabels = false });

    private static IpxeDiagnostic[] Findings(string body, IpxeDiagnosticCode code) => [.. Lint(body).Where(d => d.Code == code)];

    [Fact]
    public void MenuItemWithoutLabel_StoredChoiceInAnotherMenu_IsNotReported()
    {
        // The second menu's choice is stored and used as a value; only the first menu jumps to its choice.
        const string body = """
            :main
            menu Main
            item linux Linux
            item release Pick a release
            choose item && goto ${item} || exit
            :release
            menu Releases
            item v3.20 3.20
            item edge Edge
            choose release || goto main
            goto linux
            :linux
            echo booting ${release}
            """;

        Assert.Empty(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
    }

    [Fact]
    public void MenuItemWithoutLabel_OnlyTheMenuWhoseChoiceReachesTheJump()
    {
        const string body = """
            menu First
            item a A
            item b B
            choose first || exit
            menu Second
            item x X
            item y Y
            choose second && goto ${second:string} || exit
            :x
            exit
            """;

        var diagnostic = Assert.Single(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
        Assert.Equal(new IpxePosition(8, 6), diagnostic.Position);
        Assert.Contains("':y'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MenuItemWithoutLabel_JumpOnALaterLine_FollowsTheFlow()
    {
        const string body = """
            menu Pick
            item one One
            item two Two
            choose --default one --timeout 5000 target || goto cancel
            echo you chose ${target}
            goto ${target}
            :one
            exit
            :cancel
            exit
            """;

        var diagnostic = Assert.Single(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
        Assert.Contains("':two'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MenuItemWithoutLabel_TargetWithSuffix_NeedsThatLabel()
    {
        const string body = """
            menu Pick
            item alpine Alpine
            item debian Debian
            choose os && goto ${os}-boot ||
            :alpine-boot
            exit
            """;

        var diagnostic = Assert.Single(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
        Assert.Contains("no ':debian-boot' label, but line 5 jumps to '${os}-boot'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MenuItemWithoutLabel_NamedMenus_AreKeptApart()
    {
        const string body = """
            menu --name os Operating systems
            menu --name tools Tools
            item --menu os alpine Alpine
            item --menu tools memtest Memtest
            choose --menu tools tool || exit
            choose --menu os os && goto ${os} || exit
            :alpine
            exit
            """;

        Assert.Empty(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
    }

    [Fact]
    public void MenuItemWithoutLabel_ChoiceOverwrittenBeforeTheJump_IsNotReported()
    {
        const string body = """
            menu Pick
            item one One
            item two Two
            choose target || exit
            set target one
            goto ${target}
            :one
            exit
            """;

        Assert.Empty(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
    }

    [Theory]
    [InlineData("chain --replace http://192.0.2.1/menu.ipxe\nboot\n", 3)]
    [InlineData("chain --replace --autofree http://192.0.2.1/menu.ipxe || goto failed\necho never\n:failed\nexit\n", 3)]
    [InlineData("imgexec -r http://192.0.2.1/a.ipxe || exit 1\necho never\n", 3)]
    [InlineData("iseq ${platform} efi && goto efi || goto bios\necho never\n:efi\n:bios\n", 3)]
    [InlineData("dhcp && goto netboot\necho never\n:netboot\n", 3)]
    public void UnreachableLine_AfterLinesThatNeverFallThrough(string body, int line)
    {
        var diagnostic = Assert.Single(Findings(body, IpxeDiagnosticCode.UnreachableLine));

        Assert.Equal((IpxeSeverity.Warning, line), (diagnostic.Severity, diagnostic.Position.Line));
    }

    [Theory]
    [InlineData("chain --replace http://192.0.2.1/menu.ipxe ||\necho reached when the chain fails\n")]
    [InlineData("chain http://192.0.2.1/menu.ipxe\necho reached when the chained script exits\n")]
    [InlineData("iseq ${platform} efi && goto efi\necho reached, IPXE016 reports the missing ||\n:efi\n")]
    [InlineData("kernel --nmae k http://x/k\necho the option error is reported, not this line\n")]
    public void UnreachableLine_NotReported_WhereTheLineCanFallThrough(string body)
    {
        Assert.Empty(Findings(body, IpxeDiagnosticCode.UnreachableLine));
    }

    [Fact]
    public void BootAfterChainReplace_IsUnreachableNotBootWithoutKernel()
    {
        var found = Lint("chain --replace --autofree http://192.0.2.1/menu.ipxe\nboot\n");

        var diagnostic = Assert.Single(found);
        Assert.Equal((IpxeDiagnosticCode.UnreachableLine, IpxeSeverity.Warning), (diagnostic.Code, diagnostic.Severity));
    }

    [Fact]
    public void BootWithoutKernel_StillFoundWhereItRuns()
    {
        Assert.Single(Findings("chain http://192.0.2.1/menu.ipxe\nboot\n", IpxeDiagnosticCode.BootWithoutKernel));
    }

    [Fact]
    public void MenuItemWithoutLabel_JumpThatFallsBackToAChain_IsNotReported()
    {
        // netboot.xyz style: items without a label are sub-menus fetched by name when the jump fails.
        const string body = """
            menu Distributions
            item local Local
            item debian Debian
            choose menu || exit
            goto ${menu} ||
            chain ${menu}.ipxe || goto local
            :local
            exit
            """;

        Assert.Empty(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
    }

    [Fact]
    public void MenuItemWithoutLabel_ItemsATestSendsElsewhere_AreNotReported()
    {
        const string body = """
            menu Install
            item single Single disk
            item raid1 RAID 1
            item shell Shell
            choose option || exit
            iseq ${option} single && goto preseed ||
            iseq raid1 ${option} && goto preseed ||
            goto ${option}
            :preseed
            exit
            :shell
            shell
            """;

        Assert.Empty(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
    }

    [Fact]
    public void MenuItemWithoutLabel_JumpGuardedByAnIseq_OnlyNeedsThatItemsLabel()
    {
        // Each jump runs for one value only; 'live' reaches none of them and falls through to the next menu.
        const string body = """
            menu Desktops
            item gnome GNOME
            item kde KDE
            item live Live image
            choose desktop || exit
            iseq ${desktop} gnome && goto ${desktop} ; iseq ${desktop} kde && goto ${desktop} ;
            echo nothing to install for ${desktop}
            exit
            :gnome
            exit
            """;

        var diagnostic = Assert.Single(Findings(body + "\n", IpxeDiagnosticCode.MenuItemWithoutLabel));
        Assert.Contains("':kde'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reboot\necho reached if the platform does not reset\n", false)]
    [InlineData("poweroff\necho never: poweroff only comes back with an error\n", true)]
    [InlineData("poweroff ||\necho reached when poweroff fails\n", false)]
    [InlineData("goto ${target} ||\necho reached when no label matches\n", false)]
    [InlineData("goto missing\necho never\n", true)]
    public void UnreachableLine_RebootPoweroffAndFailingJumps(string body, bool unreachable)
    {
        Assert.Equal(unreachable, Findings(body, IpxeDiagnosticCode.UnreachableLine).Length == 1);
    }

    [Fact]
    public void BootWithoutKernel_HandledFailure_IsWarning()
    {
        var diagnostic = Assert.Single(Findings("chain --autofree http://192.0.2.1/menu.ipxe && boot ||\n", IpxeDiagnosticCode.BootWithoutKernel));

        Assert.Equal(IpxeSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void UnguardedChoose_IsInformation_OtherConditionsWarn()
    {
        var choose = Assert.Single(Findings("menu M\nitem a A\nchoose t && goto ${t}\n:a\n", IpxeDiagnosticCode.UnguardedCondition));
        var iseq = Assert.Single(Findings("iseq ${platform} efi && set x 1\n", IpxeDiagnosticCode.UnguardedCondition));

        Assert.Equal((IpxeSeverity.Info, IpxeSeverity.Warning), (choose.Severity, iseq.Severity));
        Assert.Contains("Esc ends the script", choose.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptySettingName_IsNotASettingNeverSet()
    {
        Assert.Empty(Findings("echo -n Name:${} && read name\necho ${name}\n", IpxeDiagnosticCode.SettingNeverSet));
    }
}
