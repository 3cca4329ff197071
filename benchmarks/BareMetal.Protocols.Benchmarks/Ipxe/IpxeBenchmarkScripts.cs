using System.Globalization;
using System.Text;

namespace BareMetal.Protocols.Benchmarks.Ipxe;

/// <summary>The inputs of the iPXE benchmarks, built deterministically.</summary>
public static class IpxeBenchmarkScripts
{
    /// <summary>
    /// A 200-line menu script in the style of netboot.xyz: settings, a menu with 60 items and gaps, choose,
    /// and per item a label with a chain line and a failure jump.
    /// </summary>
    public static byte[] MenuScript200Lines()
    {
        var text = new StringBuilder();
        text.Append("#!ipxe\n# Lab boot menu, generated for the benchmarks\n");
        text.Append("set base-url http://192.0.2.1:8080/boot\nset menu-timeout 10000\nisset ${menu-default} || set menu-default local\n");
        text.Append(":start\nmenu Netboot menu for ${hostname} (${net0/mac}) on ${platform}/${buildarch}\n");
        text.Append("item --gap --             ------------------------- Operating systems -------------------------\n");
        const int Items = 60;
        for (var i = 0; i < Items; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"item --key {(char)('a' + (i % 26))} os{i:D2}        Distribution {i:D2} release {2020 + (i % 6)} (amd64) network installer\n");
        }

        text.Append("item --gap --             ------------------------- Tools -------------------------------------\n");
        text.Append("item --key l local       Boot from local disk\n");
        text.Append("choose --timeout ${menu-timeout} --default ${menu-default} selected || goto cancel\ngoto ${selected}\n");
        for (var i = 0; i < Items; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $":os{i:D2}\nchain --autofree ${{base-url}}/os{i:D2}/boot-${{platform}}.ipxe || goto failed\n");
        }

        text.Append(":failed\necho Boot failed, back to the menu\nsleep 3\ngoto start\n:cancel\nshell\n:local\nsanboot --no-describe --drive 0x80 || exit\n");
        var lines = text.ToString().Count(c => c == '\n');
        if (lines != 200)
        {
            throw new InvalidOperationException($"The menu script has {lines} lines, not 200.");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
