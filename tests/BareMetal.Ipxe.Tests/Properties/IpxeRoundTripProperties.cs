using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BareMetal.Ipxe.Tests.Properties;

public class IpxeRoundTripProperties
{
    [Property(MaxTest = 300)]
    public Property ReadOfBuild_EqualsTheModel() => Prop.ForAll(IpxeGenerators.Line.ListOf().ToArbitrary(), lines =>
    {
        var buffer = new ArrayBufferWriter<byte>();
        var builder = new IpxeScriptBuilder(buffer).Header();
        var expected = new List<IpxeLine> { IpxeLine.Create(comment: "#!ipxe") };
        foreach (var line in lines)
        {
            if (line.Label is not null)
            {
                builder.Label(line.Label);
                expected.Add(IpxeLine.Create(label: line.Label));
            }
            else if (line.Comment is not null)
            {
                builder.Comment(line.Comment);
                expected.Add(IpxeLine.Create(comment: line.Comment.Length == 0 ? "#" : "# " + line.Comment));
            }
            else
            {
                var commands = new List<IpxeCommand>();
                foreach (var (name, tokens, separator) in line.Commands)
                {
                    builder.Command(name, tokens);
                    commands.Add(IpxeCommand.Create(name, separator, tokens));
                    builder = separator switch
                    {
                        IpxeSeparator.Or => builder.Or(),
                        IpxeSeparator.And => builder.And(),
                        IpxeSeparator.Semicolon => builder.Then(),
                        _ => builder,
                    };
                }

                // A line may end right after a separator: Complete() ends it (the empty command follows).
                builder.Complete();
                if (commands[^1].Separator != IpxeSeparator.None)
                {
                    commands.Add(IpxeCommand.Empty());
                }

                expected.Add(IpxeLine.Create(commands: commands));
            }
        }

        builder.Complete();
        var read = IpxeScriptReader.Read(buffer.WrittenSpan);
        var equal = read.ContentEquals(IpxeScript.Create(expected));
        var catalogued = read.Commands.All(c => c.Definition is null || c.OptionError == IpxeOptionError.None);
        return (equal && catalogued && read.Header == IpxeHeader.Ipxe && read.Diagnostics.Count == 0)
            .Label(Encoding.UTF8.GetString(buffer.WrittenSpan));
    });

    [Property(MaxTest = 500)]
    public Property ReadWriteRead_IsStable() => Prop.ForAll(IpxeGenerators.GrammarText.ToArbitrary(), text =>
    {
        var first = IpxeScriptReader.Read(text);
        var written = IpxeScriptWriter.Write(first);
        var second = IpxeScriptReader.Read(written);
        return (first.ContentEquals(second) && IpxeScriptWriter.Write(second) == written).Label(written);
    });

    [Property(MaxTest = 500)]
    public bool ArbitraryBytes_NeverThrow(byte[] bytes)
    {
        var script = IpxeScriptReader.Read(bytes);
        _ = IpxeLinter.Lint(script, new IpxeLintOptions { Platform = IpxePlatform.Efi, Features = IpxeFeatures.Http });
        _ = IpxeScriptReader.TryRead(bytes, out _, out _);
        _ = IpxeScriptWriter.Write(script);
        _ = IpxeFeatureOption.TryParse(bytes, out _, out _);
        return true;
    }

    [Property(MaxTest = 500)]
    public Property GrammarText_NeverThrows() => Prop.ForAll(IpxeGenerators.GrammarText.ToArbitrary(), text =>
    {
        var script = IpxeScriptReader.Read(text);
        var findings = IpxeLinter.Lint(script, new IpxeLintOptions { Platform = IpxePlatform.Efi, Features = IpxeFeatures.Tftp });
        return findings.All(f => f.Position.Line >= 1 && f.Position.Column >= 1 && f.Message.Length > 0);
    });

    [Property(MaxTest = 300)]
    public Property LinuxBoot_ReadsBackAsKernelInitrdsBoot() => Prop.ForAll(
        IpxeGenerators.Token.ListOf().ToArbitrary(),
        Gen.Choose(0, 3).ToArbitrary(),
        ArbMap.Default.ArbFor<bool>(),
        (words, initrdCount, efi) =>
        {
            var platform = efi ? IpxePlatform.Efi : IpxePlatform.Bios;
            var spec = new LinuxBootSpec
            {
                KernelUri = "http://192.0.2.1:8080/images/vmlinuz",
                Initrds = Enumerable.Range(0, initrdCount).Select(i => new LinuxInitrd($"http://192.0.2.1:8080/images/initrd{i}.img")).ToArray(),
                CommandLine = string.Join(' ', words),
            };
            var buffer = new ArrayBufferWriter<byte>();
            IpxeScripts.WriteLinuxBoot(buffer, spec, platform);
            var script = IpxeScriptReader.Read(buffer.WrittenSpan);
            var commands = script.Commands.ToArray();
            var kernel = commands[0];
            var initrdArguments = efi ? spec.Initrds.Select(i => "initrd=" + i.EffectiveName.ToString()) : [];
            var expectedArguments = new[] { spec.KernelUri }.Concat(initrdArguments).Concat(words);
            var findings = IpxeLinter.Lint(script, new IpxeLintOptions { Platform = platform, Features = IpxeFeatures.Http, ReportUnusedLabels = false });
            return (kernel.Kind == IpxeCommandKind.Kernel
                    && kernel.Arguments.Select(a => a.Text).SequenceEqual(expectedArguments)
                    && commands.Skip(1).Take(initrdCount).All(c => c.Kind == IpxeCommandKind.Initrd)
                    && commands[^1].Kind == IpxeCommandKind.Boot
                    && commands.Length == initrdCount + 2
                    && findings.All(f => f.Code == IpxeDiagnosticCode.SettingNeverSet))
                .Label(Encoding.UTF8.GetString(buffer.WrittenSpan));
        });
}
