using System.Buffers;
using System.Text;

namespace BareMetal.Grub.Tests;

public class GrubConfigBuilderTests
{
    [Fact]
    public void WriteLinuxBoot_Spec_WritesOneEntryThatBootsAtOnce()
    {
        var buffer = new ArrayBufferWriter<byte>();
        GrubConfigs.WriteLinuxBoot(buffer, new GrubLinuxBoot
        {
            Title = "Provision node-7",
            Kernel = GrubNetworkPath.Tftp("192.0.2.1", "/images/vmlinuz"),
            Initrds = [GrubNetworkPath.Tftp("192.0.2.1", "/images/initrd.gz")],
            KernelArguments = ["console=ttyS0,115200", "baremetal.nonce=Ab3", "note=two words"],
        });

        Assert.Equal(
            """
            set timeout=0
            set default=netboot
            menuentry 'Provision node-7' --id netboot {
                echo 'Loading (tftp,192.0.2.1)/images/vmlinuz'
                linux (tftp,192.0.2.1)/images/vmlinuz console=ttyS0,115200 baremetal.nonce=Ab3 'note=two words'
                echo 'Loading initrd'
                initrd (tftp,192.0.2.1)/images/initrd.gz
                boot
            }

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void WriteLocalBoot_WithLabel_ChainLoadsTheLoaderOnThatVolume()
    {
        var buffer = new ArrayBufferWriter<byte>();
        GrubConfigs.WriteLocalBoot(buffer, new GrubLocalBoot { EfiVolumeLabel = "EFI SYSTEM" });
        Assert.Equal(
            """
            set timeout=0
            set default=local
            menuentry 'Boot from local disk' --id local {
                search --no-floppy --set=root --label 'EFI SYSTEM'
                echo 'Chain-loading /EFI/BOOT/BOOTX64.EFI from the volume labelled EFI SYSTEM'
                chainloader /EFI/BOOT/BOOTX64.EFI
                boot
            }

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void WriteLocalBoot_WithoutLabel_ReturnsToTheFirmware()
    {
        var buffer = new ArrayBufferWriter<byte>();
        GrubConfigs.WriteLocalBoot(buffer, new GrubLocalBoot());
        Assert.Contains("    exit 1\n", Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Echo_TextStartingWithDash_EndsEchosOptionsFirst()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new GrubConfigBuilder(buffer).Echo("-n").Complete();
        Assert.Equal("echo -- -n\n", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Complete_WithOpenMenuEntry_Throws()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<InvalidOperationException>(() => new GrubConfigBuilder(buffer).BeginMenuEntry("x").Complete());
        Assert.Contains("EndMenuEntry()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndMenuEntry_WithoutOpenEntry_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new GrubConfigBuilder(new ArrayBufferWriter<byte>()).EndMenuEntry());

    [Fact]
    public void Argument_WithoutCommand_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new GrubConfigBuilder(new ArrayBufferWriter<byte>()).Argument("x"));

    [Theory]
    [InlineData("if")]
    [InlineData("two words")]
    [InlineData("")]
    [InlineData("$cmd")]
    public void Command_NameThatIsNotABareWord_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new GrubConfigBuilder(new ArrayBufferWriter<byte>()).Command(name));

    [Fact]
    public void Linux_ArgumentWithLineBreak_ThrowsBeforeWritingAnything()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<ArgumentException>(() =>
            new GrubConfigBuilder(buffer).Linux("/vmlinuz", ["ok", "bad\nnext"]));
        Assert.Equal("arguments", error.ParamName);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Set_InvalidName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new GrubConfigBuilder(new ArrayBufferWriter<byte>()).Set("a-b", "x"));
        Assert.Equal("name", error.ParamName);
    }

    [Theory]
    [InlineData("192.0.2.1:8080", "/x")]
    [InlineData("2001:db8::1", "/x")]
    [InlineData("bad host", "/x")]
    [InlineData("192.0.2.1", "relative/x")]
    [InlineData("192.0.2.1", "/x\ny")]
    public void NetworkPath_ServerOrPathGrubCannotUse_Throws(string server, string path) =>
        Assert.Throws<ArgumentException>(() => GrubNetworkPath.Tftp(server, path));

    [Fact]
    public void NetworkPath_Http_UsesGrubsDeviceSyntax() =>
        Assert.Equal("(http,boot.example.test)/grub/grub.cfg", GrubNetworkPath.Http("boot.example.test", "/grub/grub.cfg"));
}
