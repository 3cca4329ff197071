using System.Buffers;
using System.Net;

namespace BareMetal.Ipxe.Tests.Templates;

public class IpxeTemplateTests
{
    private const string Install =
        "#!ipxe\n" +
        "echo Provisioning {{hostname}} ({{mac}}) on {{platform}}/{{arch}}\n" +
        "kernel {{profile.base}}/vmlinuz initrd=initrd.img console=ttyS0 BOOTIF=01-{{mac-hyphen}} ip={{ip}} hostname={{hostname}} release={{profile.release}}\n" +
        "initrd {{profile.base}}/initrd.img\n" +
        "boot\n";

    private static IpxeMachine Machine(IpxePlatform platform = IpxePlatform.Efi, string release = "bookworm") => new()
    {
        MacAddress = MacAddress.Parse("52-54-00-12-34-56"),
        Address = IPAddress.Parse("192.0.2.10"),
        Hostname = "node01.lab",
        Platform = platform,
        Profile = new Dictionary<string, IpxeValue>
        {
            ["base"] = IpxeValue.Uri("http://192.0.2.1:8080/images/debian"),
            ["release"] = IpxeValue.Text(release),
        },
    };

    [Fact]
    public void Render_FillsTypedValues()
    {
        var text = IpxeTemplate.Parse(Install).Render(Machine());

        Assert.Equal(
            "#!ipxe\n" +
            "echo Provisioning node01.lab (52:54:00:12:34:56) on efi/x86_64\n" +
            "kernel http://192.0.2.1:8080/images/debian/vmlinuz initrd=initrd.img console=ttyS0 BOOTIF=01-52-54-00-12-34-56 ip=192.0.2.10 hostname=node01.lab release=bookworm\n" +
            "initrd http://192.0.2.1:8080/images/debian/initrd.img\n" +
            "boot\n",
            text);
        Assert.Empty(IpxeLinter.Lint(text, new IpxeLintOptions { Platform = IpxePlatform.Efi }));
    }

    [Fact]
    public void Placeholders_AreListedInOrder()
    {
        Assert.Equal(["hostname", "mac", "platform", "arch", "profile.base", "mac-hyphen", "ip", "profile.release"], IpxeTemplate.Parse(Install).Placeholders);
    }

    [Fact]
    public void Render_OutputThatWouldNotLintClean_ThrowsAndWritesNothing()
    {
        // Without initrd= on EFI the kernel cannot find its initrd: the lint finding stops the render.
        var template = IpxeTemplate.Parse("#!ipxe\nkernel {{profile.base}}/vmlinuz\ninitrd {{profile.base}}/initrd.img\nboot\n");
        var buffer = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<ArgumentException>(() => template.Render(buffer, Machine()));

        Assert.Contains("IPXE019", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Contains("boot", template.Render(Machine(IpxePlatform.Bios)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ValueThatChangesStructure_Throws()
    {
        var template = IpxeTemplate.Parse("#!ipxe\necho {{profile.release}}|\n");

        var error = Assert.Throws<ArgumentException>(() => template.Render(Machine(release: "|")));

        Assert.Contains("changed the template's structure", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("${evil}")]
    [InlineData("a\nchain http://x")]
    [InlineData("#x")]
    public void TextValue_ThatIsNotOneLiteralToken_IsRejected(string text)
    {
        Assert.Throws<ArgumentException>(() => IpxeValue.Text(text));
    }

    [Fact]
    public void MissingValue_ThrowsNamingIt()
    {
        var template = IpxeTemplate.Parse("#!ipxe\necho {{profile.missing}} {{ip}}\n");

        var error = Assert.Throws<ArgumentException>(() => template.Render(Machine()));

        Assert.Contains("has no 'missing': add it", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#!ipxe\necho {{mac}\n", "no closing")]
    [InlineData("#!ipxe\necho {{serial}}\n", "Unknown placeholder '{{serial}}'")]
    public void Parse_BadPlaceholder_Throws(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => IpxeTemplate.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-node")]
    [InlineData("node_01")]
    [InlineData("")]
    public void Hostname_NotRfc1123_Throws(string hostname)
    {
        var machine = new IpxeMachine { MacAddress = MacAddress.Parse("52-54-00-12-34-56"), Hostname = hostname };

        Assert.Throws<ArgumentException>(() => IpxeTemplate.Parse("#!ipxe\necho {{hostname}}\n").Render(machine));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Render_AnyMachine_LintsCleanOrThrows(byte[] mac, uint address, FsCheck.NonEmptyString release, bool efi)
    {
        var machine = new IpxeMachine
        {
            MacAddress = mac.Length == 0 ? MacAddress.Parse("02:00:00:00:00:01") : MacAddress.Read([.. mac, 0, 0, 0, 0, 0, 0]),
            Address = new IPAddress(address),
            Hostname = "n" + (address % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Platform = efi ? IpxePlatform.Efi : IpxePlatform.Bios,
            Profile = new Dictionary<string, IpxeValue>
            {
                ["base"] = IpxeValue.Uri("http://192.0.2.1/images"),
                ["release"] = IpxeSyntax.ValidateLiteral(release.Get) == IpxeTokenError.None ? IpxeValue.Text(release.Get) : IpxeValue.Integer(release.Get.Length),
            },
        };
        string text;
        try
        {
            text = IpxeTemplate.Parse(Install).Render(machine);
        }
        catch (ArgumentException)
        {
            return true;
        }

        return IpxeLinter.IsClean(IpxeLinter.Lint(text, new IpxeLintOptions { Platform = machine.Platform }));
    }

    [Fact]
    public void TryRender_ChecksCommandsAgainstTheMachinesArchitectureAndTheBuildOptions()
    {
        // startpxe (x86 BIOS builds only) without '||' is an error only on a machine whose build cannot have it.
        const string Text = "#!ipxe\nstartpxe\nping --count 1 192.0.2.1 ||\n";
        var x64 = Machine(IpxePlatform.Bios);
        var arm64 = new IpxeMachine { MacAddress = x64.MacAddress, Platform = IpxePlatform.Bios, Architecture = IpxeArchitecture.Arm64 };
        var withPing = new IpxeLintOptions { ReportUnusedLabels = false, BuildOptions = ["PXE_CMD", "PING_CMD"] };

        Assert.True(IpxeTemplate.Parse(Text, withPing).TryRender(new ArrayBufferWriter<byte>(), x64, out var onX64));
        Assert.Empty(onX64);
        Assert.False(IpxeTemplate.Parse(Text, withPing).TryRender(new ArrayBufferWriter<byte>(), arm64, out var onArm));
        Assert.Contains(onArm, d => d.Code == IpxeDiagnosticCode.CommandNotInEveryBuild && d.Severity == IpxeSeverity.Error);
        Assert.False(IpxeTemplate.Parse(Text).TryRender(new ArrayBufferWriter<byte>(), x64, out var noOptions));
        Assert.Contains(noOptions, d => d.Code == IpxeDiagnosticCode.CommandNotInEveryBuild && d.Message.Contains("PING_CMD", StringComparison.Ordinal));
    }
}
