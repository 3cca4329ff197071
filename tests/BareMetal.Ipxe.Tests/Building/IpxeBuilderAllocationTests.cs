using System.Buffers;

namespace BareMetal.Ipxe.Tests.Building;

/// <summary>Guards the claim that building into a reused buffer allocates nothing.</summary>
public class IpxeBuilderAllocationTests
{
    private static readonly LinuxBootSpec Spec = new()
    {
        KernelUri = "http://192.0.2.1:8080/images/debian-12/vmlinuz",
        Initrds = [new LinuxInitrd("http://192.0.2.1:8080/images/debian-12/initrd.img"), new LinuxInitrd("http://192.0.2.1:8080/images/agent.cpio", "agent.cpio")],
        CommandLine = "console=ttyS0,115200n8 ip=dhcp baremetal.api=http://192.0.2.1:8080 baremetal.mac=52:54:00:12:34:56 baremetal.token=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    };

    private static long Measure(Action action)
    {
        for (var i = 0; i < 200; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(IpxePlatform.Bios)]
    [InlineData(IpxePlatform.Efi)]
    public void WriteLinuxBoot_IntoReusedBuffer_AllocatesNothing(IpxePlatform platform)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);

        var allocated = Measure(() =>
        {
            buffer.ResetWrittenCount();
            IpxeScripts.WriteLinuxBoot(buffer, Spec, platform);
        });

        Assert.Equal(0, allocated);
        Assert.True(buffer.WrittenCount > 200);
    }

    [Theory]
    [InlineData(IpxePlatform.Bios)]
    [InlineData(IpxePlatform.Efi)]
    public void WriteLocalBoot_IntoReusedBuffer_AllocatesNothing(IpxePlatform platform)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);

        var allocated = Measure(() =>
        {
            buffer.ResetWrittenCount();
            IpxeScripts.WriteLocalBoot(buffer, platform);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void WriteLocalBoot_EfiVolumeSpecIntoReusedBuffer_AllocatesNothing()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var spec = new LocalBootSpec { EfiVolumeLabel = "BAREMETAL", EfiLoaderArguments = "console=ttyS0" };

        var allocated = Measure(() =>
        {
            buffer.ResetWrittenCount();
            IpxeScripts.WriteLocalBoot(buffer, IpxePlatform.Efi, localBoot: spec);
        });

        Assert.Equal(0, allocated);
        Assert.Contains("file://BAREMETAL/EFI/BOOT/BOOTX64.EFI console=ttyS0", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void FluentBuilder_IntoReusedBuffer_AllocatesNothing()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);

        var allocated = Measure(() =>
        {
            buffer.ResetWrittenCount();
            new IpxeScriptBuilder(buffer).Header()
                .Label("retry").Dhcp().Or().Goto("retry")
                .Menu("Boot menu").Item("install", "Install Debian 12", key: "i", isDefault: true).ItemGap("-- tools --")
                .Choose("target", 5000, "install").And().Goto("${target}").Or()
                .Set("attempt", "1").Iseq("${platform}", "efi").And().Echo("EFI machine").Or()
                .Chain("http://192.0.2.1/boot.ipxe", autofree: true).Or().Sleep(5).Then().Exit(1)
                .Sanboot(drive: 0x80, noDescribe: true)
                .Complete();
        });

        Assert.Equal(0, allocated);
    }
}
