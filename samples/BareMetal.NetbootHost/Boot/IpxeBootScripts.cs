using System.Text;

namespace BareMetal.NetbootHost.Boot;

/// <summary>Renders the host's scripts (temporary text form until BareMetal.Ipxe's builder is wired in).</summary>
internal sealed class IpxeBootScripts : IBootScripts
{
    public string LinuxBoot(LinuxBootPlan plan)
    {
        var text = new StringBuilder("#!ipxe\n");
        var initrdNames = plan.InitrdUrls.Select(u => u[(u.LastIndexOf('/') + 1)..]).ToList();
        var cmdline = plan.Efi ? string.Join(' ', initrdNames.Select(n => $"initrd={n}").Append(plan.Cmdline)) : plan.Cmdline;
        text.Append("kernel ").Append(plan.KernelUrl).Append(' ').Append(cmdline).Append('\n');
        foreach (var initrd in plan.InitrdUrls)
        {
            text.Append("initrd ").Append(initrd).Append('\n');
        }

        text.Append("boot\n");
        return text.ToString();
    }

    public string LocalBoot(bool efi, string reason) =>
        efi ? $"#!ipxe\necho {reason}: booting the local disk\nexit\n" : $"#!ipxe\necho {reason}: booting the local disk\nsanboot --no-describe --drive 0x80\n";

    public string NoBoot(string reason) => $"#!ipxe\necho {reason}: no boot\nexit\n";
}
