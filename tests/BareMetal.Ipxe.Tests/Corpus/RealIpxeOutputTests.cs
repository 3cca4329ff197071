using System.Text;

namespace BareMetal.Ipxe.Tests.Corpus;

/// <summary>
/// <c>Corpus/real-ipxe-grammar.ipxe</c> was run on real iPXE firmware (Debian 12's <c>ipxe</c> package,
/// 1.0.0+git-20190125.36a4c85-5.1, <c>qemu-system-x86_64 -nic none -kernel /usr/lib/ipxe/ipxe.lkrn
/// -initrd real-ipxe-grammar.ipxe</c>, screen read with QEMU's <c>screendump</c>). It printed exactly the
/// lines in <see cref="PrintedByIpxe"/>. A small evaluator that runs the reader's model with iPXE's
/// <c>system()</c> rules (separators, failures stopping the script, labels running their command,
/// <c>goto</c>) must print the same lines.
/// </summary>
public class RealIpxeOutputTests
{
    private static readonly string[] PrintedByIpxe =
    [
        "BM-START", "BM-LABEL-LINE-RUNS", "BM-JOIN root", "BM-SEMI a;b", "BM-OR-RAN", "BM-HASH a#b",
        "BM-PLATFORM pcbios i386", "BM-AFTER-TRAILING-OR", "BM-END",
    ];

    [Fact]
    public void ModelEvaluated_PrintsWhatRealIpxePrinted()
    {
        var script = IpxeScriptReader.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", "real-ipxe-grammar.ipxe")));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["platform"] = "pcbios", ["buildarch"] = "i386" };

        var printed = Evaluate(script, settings);

        Assert.Equal(PrintedByIpxe, printed);
    }

    private static List<string> Evaluate(IpxeScript script, Dictionary<string, string> settings)
    {
        var printed = new List<string>();
        var lineIndex = 0;
        for (var steps = 0; lineIndex < script.Lines.Count && steps < 1000; steps++)
        {
            var line = script.Lines[lineIndex];
            lineIndex++;
            var process = true;
            var rc = 0;
            foreach (var command in line.Commands)
            {
                if (process)
                {
                    if (command.IsEmpty)
                    {
                        rc = 0;
                    }
                    else
                    {
                        var argv = command.Tokens.Select(t => Expand(t.Text, settings)).ToArray();
                        var args = command.Arguments.Select(t => Expand(t.Text, settings)).ToArray();
                        switch (command.Kind)
                        {
                            case IpxeCommandKind.Echo:
                                printed.Add(string.Join(' ', args));
                                rc = 0;
                                break;
                            case IpxeCommandKind.Set:
                                settings[argv[1]] = string.Join(' ', args.Skip(1));
                                rc = 0;
                                break;
                            case IpxeCommandKind.Iseq:
                                rc = args[0] == args[1] ? 0 : 1;
                                break;
                            case IpxeCommandKind.Isset:
                                rc = args[0].Length > 0 ? 0 : 1;
                                break;
                            case IpxeCommandKind.Goto:
                                lineIndex = script.Lines.ToList().FindIndex(l => l.Label?.Text == args[0]);
                                goto NextLine;
                            default:
                                return printed;
                        }
                    }
                }

                if (command.Separator == IpxeSeparator.None)
                {
                    break;
                }

                process = command.Separator switch
                {
                    IpxeSeparator.Or => rc != 0,
                    IpxeSeparator.And => rc == 0,
                    _ => true,
                };
            }

            if (rc != 0)
            {
                break;
            }

        NextLine:;
        }

        return printed;
    }

    /// <summary>Innermost-first expansion as expand_settings() does it; unknown settings expand to nothing.</summary>
    private static string Expand(string text, Dictionary<string, string> settings)
    {
        while (true)
        {
            var close = -1;
            var open = -1;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    open = i;
                }

                if (open >= 0 && text[i] == '}')
                {
                    close = i;
                    break;
                }
            }

            if (close < 0)
            {
                return text;
            }

            var name = text[(open + 2)..close];
            var value = settings.TryGetValue(name, out var v) ? v : string.Empty;
            text = new StringBuilder().Append(text, 0, open).Append(value).Append(text, close + 1, text.Length - close - 1).ToString();
        }
    }
}
