using System.Text;

namespace BareMetal.Ipxe.Tests.Reading;

/// <summary>Option parsing as iPXE's getopt_long() in src/core/getopt.c does it.</summary>
public class IpxeOptionParsingTests
{
    private static IpxeCommand Command(string line) =>
        IpxeScriptReader.Read(Encoding.UTF8.GetBytes("#!ipxe\n" + line + "\n")).Lines[1].Commands[0];

    private static string Describe(IpxeCommand command) =>
        string.Join(",", command.Options.Select(o => o.ToString())) + "|" + string.Join(",", command.Arguments.Select(a => a.Text)) + "|" + command.OptionError;

    [Theory]
    [InlineData("kernel --name k http://192.0.2.1/vmlinuz quiet", "--name=k|http://192.0.2.1/vmlinuz,quiet|None")]
    [InlineData("kernel --name=k http://192.0.2.1/vmlinuz", "--name=k|http://192.0.2.1/vmlinuz|None")]
    [InlineData("kernel -nk http://192.0.2.1/vmlinuz", "--name=k|http://192.0.2.1/vmlinuz|None")]
    [InlineData("kernel -qn k http://192.0.2.1/vmlinuz", "--quiet,--name=k|http://192.0.2.1/vmlinuz|None")]
    [InlineData("kernel http://192.0.2.1/vmlinuz --name k", "|http://192.0.2.1/vmlinuz,--name,k|None")]
    [InlineData("chain --autofree --replace http://x/y", "--autofree,--replace|http://x/y|None")]
    [InlineData("echo -n -- -x", "--n|-x|None")]
    [InlineData("item --gap -- --- Linux ---", "--gap|---,Linux,---|None")]
    [InlineData("choose --timeout 5000 --default local target", "--timeout=5000,--default=local|target|None")]
    [InlineData("sanboot --no-describe --drive 0x80", "--no-describe,--drive=0x80||None")]
    public void Options_ParseLikeIpxeGetopt(string line, string expected)
    {
        Assert.Equal(expected, Describe(Command(line)));
    }

    [Theory]
    [InlineData("kernel --nam k http://x/y", IpxeOptionError.UnknownOption, "--nam")]
    [InlineData("kernel --names=k http://x/y", IpxeOptionError.UnknownOption, "--names=k")]
    [InlineData("kernel -z http://x/y", IpxeOptionError.UnknownOption, "-z")]
    [InlineData("echo - a", IpxeOptionError.UnknownOption, "-")]
    [InlineData("kernel --replace http://x/y", IpxeOptionError.UnknownOption, "--replace")]
    [InlineData("kernel --name -x http://x/y", IpxeOptionError.MissingValue, "--name")]
    [InlineData("prompt --timeout", IpxeOptionError.MissingValue, "--timeout")]
    [InlineData("chain --autofree=yes http://x/y", IpxeOptionError.UnexpectedValue, "--autofree=yes")]
    [InlineData("chain --help", IpxeOptionError.Help, "--help")]
    [InlineData("chain -h", IpxeOptionError.Help, "-h")]
    public void Options_Errors(string line, IpxeOptionError expected, string token)
    {
        var command = Command(line);

        Assert.Equal(expected, command.OptionError);
        Assert.Equal(token, command.OptionErrorToken?.Text);
    }

    [Theory]
    [InlineData("goto", false)]
    [InlineData("goto a", true)]
    [InlineData("goto a b", false)]
    [InlineData("iseq a", false)]
    [InlineData("kernel", false)]
    [InlineData("boot", true)]
    [InlineData("exit 1 2", false)]
    [InlineData("login now", false)]
    [InlineData("set x", true)]
    [InlineData("set x a b c", true)]
    [InlineData("choose", false)]
    public void ArgumentCount_AsCommandDescDeclares(string line, bool valid)
    {
        var command = Command(line);

        Assert.Equal(valid ? IpxeOptionError.None : IpxeOptionError.ArgumentCount, command.OptionError);
    }

    [Fact]
    public void ArgumentCountError_ProducesDiagnosticWithUsage()
    {
        var script = IpxeScriptReader.Read("#!ipxe\ngoto\n");

        var diagnostic = Assert.Single(script.Diagnostics);
        Assert.Equal(IpxeDiagnosticCode.ArgumentCount, diagnostic.Code);
        Assert.Equal("IPXE006", diagnostic.Id);
        Assert.Contains("exactly 1 argument(s)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("Usage: goto <label>", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_KeepsTokensVerbatim()
    {
        var command = Command("iftrue --x ${a}");

        Assert.Equal(IpxeCommandKind.Unknown, command.Kind);
        Assert.Null(command.Definition);
        Assert.Equal(["--x", "${a}"], command.Arguments.Select(a => a.Text));
        Assert.Empty(command.Options);
    }

    [Fact]
    public void OptionValuePositions_PointIntoToken()
    {
        var command = Command("kernel --name=kern http://x/y");

        Assert.Equal(new IpxePosition(2, 15), command.GetOption("name")?.Value?.Position);
    }
}
