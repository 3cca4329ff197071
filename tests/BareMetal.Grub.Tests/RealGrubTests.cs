using System.Buffers;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BareMetal.Grub.Tests;

/// <summary>The builder's output read by GRUB itself: its parser (grub-script-check) and its interpreter (grub-emu).</summary>
public class RealGrubTests
{
    // Values chosen to hit every rule of GRUB's lexer: quotes of both kinds, escapes, variables, comments,
    // separators, braces, reserved words, wildcards, and echo's own options.
    private static readonly string[] TrickyValues =
    [
        "plain", "", " ", "two words", "it's", "''", "'\\''", "\"", "\\", "\\\\n", "$root", "${prefix}", "$", "#", "#x",
        "a#b", ";", "a;b", "&&", "||", "|", "&", "<", ">", "{", "}", "{}", "[[", "]]", "if", "then", "fi", "function",
        "*", "?", "[ab]", "-n", "-e", "--", "(tftp,192.0.2.1)/x", "console=ttyS0,115200", "note=\"quoted\" x",
        "end\\", "'start", "mid'dle'", "~!@%^()+=,./:",
    ];

    [Fact]
    public void GrubEmu_TrickyValues_AreReadBackUnchanged() => AssertReadBack(TrickyValues);

    [Property(MaxTest = 8)]
    public Property GrubEmu_AnyPrintableAscii_IsReadBackUnchanged() =>
        Prop.ForAll(Gen.ListOf(PrintableAscii()).Select(values => values.ToArray()).ToArbitrary(), values =>
        {
            AssertReadBack(values);
            return true;
        });

    [Property(MaxTest = 25)]
    public Property GrubScriptCheck_AnyValidLiteralsAnywhere_Parses() =>
        Prop.ForAll(Gen.ListOf(ArbMap.Default.GeneratorFor<string>()).ToArbitrary(), values =>
        {
            var valid = values.Where(v => v is not null && GrubSyntax.ValidateLiteral(v) == GrubTextError.None).ToList();
            var buffer = new ArrayBufferWriter<byte>();
            var b = new GrubConfigBuilder(buffer);
            foreach (var value in valid)
            {
                b.Comment(value).Set("v", value).BeginMenuEntry(value, value).Echo(value)
                    .Linux("/vmlinuz", [value, value]).Initrd(["/initrd", value == string.Empty ? "/x" : "/" + value])
                    .EndMenuEntry();
            }

            // grub-script-check refuses a file without any command; end each sample with one.
            b.Boot().Complete();
            var (exitCode, output) = RealGrub.ScriptCheck(Encoding.UTF8.GetString(buffer.WrittenSpan));
            Assert.True(exitCode == 0, $"grub-script-check refused the builder's output: {output}");
            return true;
        });

    [Fact]
    public void GrubScriptCheck_WholeConfigurations_Parse()
    {
        foreach (var text in new[] { LinuxBoot(), LocalBoot("EFI SYSTEM"), LocalBoot(null) })
        {
            var (exitCode, output) = RealGrub.ScriptCheck(text);
            Assert.True(exitCode == 0, $"grub-script-check refused:\n{text}\n{output}");
        }
    }

    [Fact]
    public void GrubScriptCheck_UnclosedMenuEntry_IsRefused()
    {
        // The check itself can fail: the same text without its closing brace is refused by GRUB's parser.
        var text = LinuxBoot();
        var (exitCode, _) = RealGrub.ScriptCheck(text[..text.LastIndexOf('}')]);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public void GrubEmu_Echo_PrintsTextStartingWithDashLiterally()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new GrubConfigBuilder(buffer).Echo("-n").Echo("-e x\\ny").Reboot().Complete();
        var lines = RealGrub.Emulate(Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Contains("-n", lines);
        Assert.Contains("-e x\\ny", lines);
    }

    private static void AssertReadBack(string[] values)
    {
        // For each value: `set v=<value as the builder quotes it>`, then a line this test writes by hand that prints
        // the variable between markers. GRUB's lexer, its `set` command and its variable store see the value.
        var buffer = new ArrayBufferWriter<byte>();
        var b = new GrubConfigBuilder(buffer);
        for (var i = 0; i < values.Length; i++)
        {
            b.Set("v", values[i]).Command("echo");
            buffer.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" \"@{i}[$v]@\"")));
        }

        b.Reboot().Complete();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var lines = RealGrub.Emulate(text);
        for (var i = 0; i < values.Length; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"@{i}[");
            var line = lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(line is not null, $"grub-emu printed nothing for value {i} '{values[i]}':\n{text}\n---\n{string.Join('\n', lines)}");
            Assert.Equal(values[i], line[prefix.Length..^2]);
        }
    }

    private static Gen<string> PrintableAscii() =>
        Gen.Choose(0, 24).SelectMany(length =>
            Gen.ArrayOf(Gen.Choose(0x20, 0x7e).Select(c => (char)c), length).Select(chars => new string(chars)));

    private static string LinuxBoot()
    {
        var buffer = new ArrayBufferWriter<byte>();
        GrubConfigs.WriteLinuxBoot(buffer, new GrubLinuxBoot
        {
            Kernel = GrubNetworkPath.Http("192.0.2.1", "/images/vmlinuz"),
            Initrds = [GrubNetworkPath.Http("192.0.2.1", "/images/initrd.gz")],
            KernelArguments = ["console=ttyS0", "it's=$x;#"],
        });
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string LocalBoot(string? label)
    {
        var buffer = new ArrayBufferWriter<byte>();
        GrubConfigs.WriteLocalBoot(buffer, new GrubLocalBoot { EfiVolumeLabel = label });
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
