namespace BareMetal.Ipxe.Tests.Building;

public class IpxeScriptsTests
{
    private static readonly LinuxBootSpec Debian = new()
    {
        KernelUri = "http://192.0.2.1:8080/images/debian/vmlinuz",
        Initrds = [new LinuxInitrd("http://192.0.2.1:8080/images/debian/initrd.gz")],
        CommandLine = "console=ttyS0  baremetal.mac=52:54:00:12:34:56",
    };

    [Fact]
    public void WriteLinuxBoot_Bios_WritesKernelInitrdBootWithoutInitrdArgument()
    {
        var text = TestText.Write(w => IpxeScripts.WriteLinuxBoot(w, Debian, IpxePlatform.Bios));

        Assert.Equal(
            "#!ipxe\n" +
            "kernel http://192.0.2.1:8080/images/debian/vmlinuz console=ttyS0 baremetal.mac=52:54:00:12:34:56\n" +
            "initrd http://192.0.2.1:8080/images/debian/initrd.gz\n" +
            "boot\n",
            text);
    }

    [Fact]
    public void WriteLinuxBoot_Efi_AddsInitrdNamePerInitrd()
    {
        var spec = new LinuxBootSpec
        {
            KernelUri = "http://192.0.2.1/vmlinuz",
            Initrds = [new LinuxInitrd("http://192.0.2.1/initrd.img?v=2"), new LinuxInitrd("http://192.0.2.1/x/${mac}.cpio", "agent.cpio")],
            CommandLine = "quiet",
            ConfigureNetwork = true,
            Message = "Installing",
        };

        var text = TestText.Write(w => IpxeScripts.WriteLinuxBoot(w, spec, IpxePlatform.Efi));

        Assert.Equal(
            "#!ipxe\n" +
            "dhcp\n" +
            "echo Installing\n" +
            "kernel http://192.0.2.1/vmlinuz initrd=initrd.img initrd=agent.cpio quiet\n" +
            "initrd http://192.0.2.1/initrd.img?v=2\n" +
            "initrd --name agent.cpio http://192.0.2.1/x/${mac}.cpio\n" +
            "boot\n",
            text);
    }

    [Fact]
    public void WriteLinuxBoot_EfiInitrdWithoutPlainName_ThrowsNamingTheFix()
    {
        var spec = new LinuxBootSpec { KernelUri = "http://192.0.2.1/vmlinuz", Initrds = [new LinuxInitrd("http://192.0.2.1/initrd/")] };

        var error = Assert.Throws<ArgumentException>(() => TestText.Write(w => IpxeScripts.WriteLinuxBoot(w, spec, IpxePlatform.Efi)));

        Assert.Contains("LinuxInitrd.Name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("console=ttyS0 ; reboot", "separator")]
    [InlineData("console=ttyS0\nchain http://evil", "line break")]
    [InlineData("quiet #comment", "comment")]
    [InlineData("quiet ||", "separator")]
    [InlineData("quiet path=C:\\", "continuation")]
    public void WriteLinuxBoot_CommandLineThatWouldChangeMeaning_Throws(string commandLine, string expected)
    {
        var spec = new LinuxBootSpec { KernelUri = "http://192.0.2.1/vmlinuz", CommandLine = commandLine };

        var error = Assert.Throws<ArgumentException>(() => TestText.Write(w => IpxeScripts.WriteLinuxBoot(w, spec, IpxePlatform.Bios)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hxxp://192.0.2.1/vmlinuz", "no opener")]
    [InlineData("http:///vmlinuz", "no host")]
    [InlineData("http://192.0.2.1/my kernel", "whitespace")]
    [InlineData("-http://192.0.2.1/vmlinuz", "not a single iPXE token")]
    public void WriteLinuxBoot_UnfetchableKernelUri_Throws(string uri, string expected)
    {
        var spec = new LinuxBootSpec { KernelUri = uri };

        var error = Assert.Throws<ArgumentException>(() => TestText.Write(w => IpxeScripts.WriteLinuxBoot(w, spec, IpxePlatform.Bios)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("uri", error.ParamName);
    }

    [Fact]
    public void WriteLocalBoot_Bios_SanbootsFirstDiskWithoutDescribing()
    {
        var text = TestText.Write(w => IpxeScripts.WriteLocalBoot(w, IpxePlatform.Bios));

        Assert.Equal("#!ipxe\necho Booting from local disk\nsanboot --no-describe --drive 0x80\n", text);
    }

    [Fact]
    public void WriteLocalBoot_Efi_ExitsToFirmware()
    {
        var text = TestText.Write(w => IpxeScripts.WriteLocalBoot(w, IpxePlatform.Efi, message: null));

        Assert.Equal("#!ipxe\nexit\n", text);
    }

    [Fact]
    public void WriteLocalBoot_EfiWithVolumeLabel_ChainsInstalledLoaderThenExitsWithFailure()
    {
        var spec = new LocalBootSpec { EfiVolumeLabel = "BAREMETAL" };

        var text = TestText.Write(w => IpxeScripts.WriteLocalBoot(w, IpxePlatform.Efi, message: null, localBoot: spec));

        Assert.Equal(
            "#!ipxe\n" +
            "chain --autofree file://BAREMETAL/EFI/BOOT/BOOTX64.EFI || echo Could not start the installed EFI loader\n" +
            "exit 1\n",
            text);
        Assert.Empty(IpxeLinter.Lint(text, new IpxeLintOptions { Platform = IpxePlatform.Efi }));
    }

    [Fact]
    public void WriteLocalBoot_EfiWithPathAndArguments_PassesThemToTheLoader()
    {
        var spec = new LocalBootSpec { EfiVolumeLabel = "esp", EfiLoaderPath = LocalBootSpec.Aa64RemovableMediaPath, EfiLoaderArguments = "console=ttyAMA0 quiet" };

        var text = TestText.Write(w => IpxeScripts.WriteLocalBoot(w, IpxePlatform.Efi, message: null, localBoot: spec));

        Assert.Contains("chain --autofree file://esp/EFI/BOOT/BOOTAA64.EFI console=ttyAMA0 quiet || ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteLocalBoot_BiosWithVolumeLabel_StillSanbootsTheConfiguredDrive()
    {
        var spec = new LocalBootSpec { EfiVolumeLabel = "BAREMETAL", BiosDrive = 0x81 };

        var text = TestText.Write(w => IpxeScripts.WriteLocalBoot(w, IpxePlatform.Bios, message: null, localBoot: spec));

        Assert.Equal("#!ipxe\nsanboot --no-describe --drive 0x81\n", text);
    }

    [Theory]
    [InlineData("", "EfiVolumeLabel")]
    [InlineData("TWELVECHARSX", "EfiVolumeLabel")]
    [InlineData("MY DISK", "EfiVolumeLabel")]
    [InlineData("a/b", "EfiVolumeLabel")]
    public void WriteLocalBoot_UnusableVolumeLabel_ThrowsNamingTheProperty(string label, string property)
    {
        var spec = new LocalBootSpec { EfiVolumeLabel = label };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        var error = Assert.Throws<ArgumentException>(() => IpxeScripts.WriteLocalBoot(buffer, IpxePlatform.Efi, localBoot: spec));

        Assert.Equal(property, error.ParamName);
        Assert.Contains("mkfs.vfat -n", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Theory]
    [InlineData("EFI/BOOT/BOOTX64.EFI")]
    [InlineData("/EFI/../x.efi")]
    [InlineData("/EFI/BOOT/BOOT X64.EFI")]
    [InlineData("/")]
    public void WriteLocalBoot_UnusableLoaderPath_ThrowsNamingTheProperty(string path)
    {
        var spec = new LocalBootSpec { EfiVolumeLabel = "ESP", EfiLoaderPath = path };

        var error = Assert.Throws<ArgumentException>(() => TestText.Write(w => IpxeScripts.WriteLocalBoot(w, IpxePlatform.Efi, localBoot: spec)));

        Assert.Equal("EfiLoaderPath", error.ParamName);
    }

    [Fact]
    public void WriteMenu_LocalDiskEntryWithSpec_ChainsTheInstalledLoader()
    {
        var menu = new IpxeMenuSpec
        {
            Entries = [new IpxeMenuEntry { Label = "disk", Text = "Local disk", Action = IpxeMenuAction.LocalDisk }],
            LocalBoot = new LocalBootSpec { EfiVolumeLabel = "ESP" },
        };

        var text = TestText.Write(w => IpxeScripts.WriteMenu(w, menu, IpxePlatform.Efi));

        Assert.Contains(":disk\nchain --autofree file://ESP/EFI/BOOT/BOOTX64.EFI || echo Could not start the installed EFI loader\nexit 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteChainWithRetry_Forever_LoopsThroughWaitLabel()
    {
        var text = TestText.Write(w => IpxeScripts.WriteChainWithRetry(w, "http://192.0.2.1/boot.ipxe", retryDelaySeconds: 3));

        Assert.Equal(
            "#!ipxe\n:retry\nchain --autofree http://192.0.2.1/boot.ipxe || goto retry-wait\nexit\n:retry-wait\n" +
            "echo Could not chain, retrying in a moment\nsleep 3\ngoto retry\n",
            text);
    }

    [Fact]
    public void WriteChainWithRetry_Bounded_CountsWithIncAndGivesUp()
    {
        var text = TestText.Write(w => IpxeScripts.WriteChainWithRetry(w, "http://192.0.2.1/boot.ipxe", 2, maxAttempts: 4));

        Assert.Equal(
            "#!ipxe\nclear retry-count\n:retry\ninc retry-count\nchain --autofree http://192.0.2.1/boot.ipxe || goto retry-wait\nexit\n" +
            ":retry-wait\niseq ${retry-count} 4 && goto retry-failed ||\necho Could not chain, retrying in a moment\nsleep 2\ngoto retry\n" +
            ":retry-failed\necho Giving up after 4 attempts\nexit 1\n",
            text);
    }

    [Fact]
    public void WriteMenu_WritesItemsChooseAndOneLabelPerEntry()
    {
        var menu = new IpxeMenuSpec
        {
            Title = "Boot menu",
            DefaultLabel = "local",
            TimeoutMilliseconds = 5000,
            Entries =
            [
                new IpxeMenuEntry { Label = "install", Text = "Install Debian 12", Key = "i", ChainUri = "http://192.0.2.1/install.ipxe" },
                new IpxeMenuEntry { Label = "local", Text = "Boot from disk", Action = IpxeMenuAction.LocalDisk },
                new IpxeMenuEntry { Label = "shell", Text = "iPXE shell", Action = IpxeMenuAction.Shell },
            ],
        };

        var text = TestText.Write(w => IpxeScripts.WriteMenu(w, menu, IpxePlatform.Efi));

        Assert.Equal(
            "#!ipxe\n:menu-start\nmenu Boot menu\nitem --key i install Install Debian 12\nitem local Boot from disk\nitem shell iPXE shell\n" +
            "choose --default local --timeout 5000 menu-choice && goto ${menu-choice} || goto menu-cancelled\n" +
            ":install\nchain --autofree http://192.0.2.1/install.ipxe || goto menu-start\n:local\nexit\n:shell\nshell ; goto menu-start\n" +
            ":menu-cancelled\nexit\n",
            text);
    }

    [Fact]
    public void WriteMenu_DefaultLabelNotAnEntry_ThrowsListingLabels()
    {
        var menu = new IpxeMenuSpec { DefaultLabel = "nope", Entries = [new IpxeMenuEntry { Label = "a", Text = "A", Action = IpxeMenuAction.Exit }] };

        var error = Assert.Throws<ArgumentException>(() => TestText.Write(w => IpxeScripts.WriteMenu(w, menu, IpxePlatform.Bios)));

        Assert.Contains("use one of a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteLinuxBoot_SemicolonInsideAToken_IsNotASeparator()
    {
        // command_terminator() in src/core/exec.c compares whole tokens: "a;b" is one argument.
        var spec = new LinuxBootSpec { KernelUri = "http://192.0.2.1/vmlinuz", CommandLine = "root=/dev/sda1;x" };

        var text = TestText.Write(w => IpxeScripts.WriteLinuxBoot(w, spec, IpxePlatform.Bios));

        Assert.Equal("#!ipxe\nkernel http://192.0.2.1/vmlinuz root=/dev/sda1;x\nboot\n", text);
    }
}
