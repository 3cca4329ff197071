using System.Text;

namespace BareMetal.Ipxe.Tests.Reading;

public class IpxeScriptReaderTests
{
    private static IpxeScript Read(string text) => IpxeScriptReader.Read(Encoding.UTF8.GetBytes(text));

    private static string[] Texts(IEnumerable<IpxeToken> tokens) => tokens.Select(t => t.Text).ToArray();

    [Theory]
    [InlineData("#!ipxe\n", IpxeHeader.Ipxe)]
    [InlineData("#!gpxe\r\n", IpxeHeader.Gpxe)]
    [InlineData("#!ipxe echo\n", IpxeHeader.Ipxe)]
    [InlineData("#!ipxe", IpxeHeader.None)]
    [InlineData("#!ipxex\n", IpxeHeader.None)]
    [InlineData(" #!ipxe\n", IpxeHeader.None)]
    [InlineData("#!IPXE\n", IpxeHeader.None)]
    public void Read_Header_AsScriptProbeChecksIt(string text, IpxeHeader expected)
    {
        var script = Read(text);

        Assert.Equal(expected, script.Header);
        Assert.Equal(expected == IpxeHeader.None, script.Diagnostics.Any(d => d.Code == IpxeDiagnosticCode.MissingHeader));
    }

    [Fact]
    public void Read_HeaderLine_IsACommentLine()
    {
        var script = Read("#!ipxe\necho hi\n");

        Assert.Equal("#!ipxe", script.Lines[0].Comment?.Text);
        Assert.Empty(script.Lines[0].Commands);
        Assert.Equal(2, script.Lines.Count);
    }

    [Fact]
    public void Read_CrLf_StripsOneCarriageReturn()
    {
        var script = Read("#!ipxe\r\necho a\r\n");

        Assert.Equal(["echo", "a"], Texts(script.Lines[1].Commands[0].Tokens));
    }

    [Fact]
    public void Read_BackslashContinuation_JoinsWithNothingInBetween()
    {
        var script = Read("#!ipxe\nkernel http://192.0.2.1/vmlinuz \\\n  console=ttyS0 ro\\\not\n");

        var line = script.Lines[1];
        Assert.Equal(["kernel", "http://192.0.2.1/vmlinuz", "console=ttyS0", "root"], Texts(line.Commands[0].Tokens));
        Assert.Equal(3, line.PhysicalLineCount);
        Assert.Equal(new IpxePosition(3, 3), line.Commands[0].Tokens[2].Position);
        Assert.Equal(new IpxePosition(3, 17), line.Commands[0].Tokens[3].Position);
    }

    [Fact]
    public void Read_ContinuationWithCrLf_StillContinues()
    {
        var script = Read("#!ipxe\r\necho a \\\r\nb\r\n");

        Assert.Equal(["echo", "a", "b"], Texts(script.Lines[1].Commands[0].Tokens));
    }

    [Fact]
    public void Read_ContinuationOnLastLine_IsNeverRunAndReported()
    {
        var script = Read("#!ipxe\necho a\necho b \\\n");

        Assert.Equal(2, script.Lines.Count);
        var diagnostic = Assert.Single(script.Diagnostics);
        Assert.Equal(IpxeDiagnosticCode.ContinuationAtEnd, diagnostic.Code);
        Assert.Equal(new IpxePosition(3, 8), diagnostic.Position);
    }

    [Fact]
    public void Read_Label_RunsToWhitespaceAndTheRestIsACommand()
    {
        var script = Read("#!ipxe\n  :retry echo again # note\n:end\n");

        Assert.Equal("retry", script.Lines[1].Label?.Text);
        Assert.Equal(new IpxePosition(2, 4), script.Lines[1].Label?.Position);
        Assert.Equal(["echo", "again"], Texts(script.Lines[1].Commands[0].Tokens));
        Assert.Equal("# note", script.Lines[1].Comment?.Text);
        Assert.Equal("end", script.Lines[2].Label?.Text);
        Assert.Empty(script.Lines[2].Commands);
    }

    [Fact]
    public void Read_HashInsideToken_IsNotAComment()
    {
        var script = Read("#!ipxe\nchain http://192.0.2.1/a#b c#d # real comment\n");

        var command = script.Lines[1].Commands[0];
        Assert.Equal(["chain", "http://192.0.2.1/a#b", "c#d"], Texts(command.Tokens));
        Assert.Equal("# real comment", script.Lines[1].Comment?.Text);
    }

    [Fact]
    public void Read_Separators_SplitCommands()
    {
        var script = Read("#!ipxe\nisset ${x} || set x 1 && echo set ; echo done\n");

        var commands = script.Lines[1].Commands;
        Assert.Equal([IpxeSeparator.Or, IpxeSeparator.And, IpxeSeparator.Semicolon, IpxeSeparator.None], commands.Select(c => c.Separator));
        Assert.Equal([IpxeCommandKind.Isset, IpxeCommandKind.Set, IpxeCommandKind.Echo, IpxeCommandKind.Echo], commands.Select(c => c.Kind));
    }

    [Fact]
    public void Read_SeparatorInsideToken_IsPartOfToken()
    {
        var script = Read("#!ipxe\necho a||b a;b &&c\n");

        var command = Assert.Single(script.Lines[1].Commands);
        Assert.Equal(["echo", "a||b", "a;b", "&&c"], Texts(command.Tokens));
    }

    [Fact]
    public void Read_TrailingOr_AddsEmptyCommand()
    {
        var script = Read("#!ipxe\niseq ${a} b && goto x ||\n|| echo first\n");

        Assert.True(script.Lines[1].Commands[^1].IsEmpty);
        Assert.Equal(3, script.Lines[1].Commands.Count);
        Assert.True(script.Lines[2].Commands[0].IsEmpty);
        Assert.Equal(IpxeSeparator.Or, script.Lines[2].Commands[0].Separator);
    }

    [Theory]
    [InlineData("#!ipxe\n ; echo x\n", 0, 2, 2)]           // before ';': at the separator
    [InlineData("#!ipxe\necho a ;  ; echo b\n", 1, 2, 11)]  // between two separators: at the second
    [InlineData("#!ipxe\nchain x ||\n", 1, 2, 11)]          // after a trailing '||': where the text ends
    [InlineData("#!ipxe\nchain x || # why\n", 1, 2, 12)]    // ... which is where the comment starts
    public void Read_EmptyCommand_HasThePositionWhereItStands(string text, int index, int line, int column)
    {
        // An empty command has no token to take its position from; it used to be reported at 0:0.
        var command = Read(text).Lines[1].Commands[index];

        Assert.True(command.IsEmpty);
        Assert.Equal(new IpxePosition(line, column), command.Position);
    }

    [Fact]
    public void Read_TabsAndVerticalWhitespace_SeparateTokens()
    {
        var script = Read("#!ipxe\necho\ta\vb\fc   d\n");

        Assert.Equal(["echo", "a", "b", "c", "d"], Texts(script.Lines[1].Commands[0].Tokens));
    }

    [Fact]
    public void Read_Nul_EndsTheLine()
    {
        var script = Read("#!ipxe\necho a\0 b\necho c\n");

        Assert.Equal(["echo", "a"], Texts(script.Lines[1].Commands[0].Tokens));
        Assert.Equal(["echo", "c"], Texts(script.Lines[2].Commands[0].Tokens));
        Assert.Contains(script.Diagnostics, d => d.Code == IpxeDiagnosticCode.NulCharacter && d.Position == new IpxePosition(2, 7));
    }

    [Fact]
    public void Read_NoTrailingNewline_ReadsLastLine()
    {
        var script = Read("#!ipxe\nboot");

        Assert.Equal(IpxeCommandKind.Boot, script.Lines[1].Commands[0].Kind);
    }

    [Fact]
    public void Read_InvalidUtf8_DoesNotThrowAndKeepsTokenBoundaries()
    {
        var bytes = "#!ipxe\necho "u8.ToArray().Concat(new byte[] { 0xff, 0xfe, (byte)' ', (byte)'x', (byte)'\n' }).ToArray();

        var script = IpxeScriptReader.Read(bytes);

        Assert.Equal(3, script.Lines[1].Commands[0].Tokens.Count);
    }

    [Theory]
    [InlineData(new byte[] { 0x23, 0x21 }, IpxeReadError.TooShort)]
    [InlineData(new byte[] { 0x65, 0x63, 0x68, 0x6f, 0x20, 0x61, 0x0a }, IpxeReadError.MissingSignature)]
    public void TryRead_NotAScript_ReturnsFalseWithReason(byte[] bytes, IpxeReadError expected)
    {
        Assert.False(IpxeScriptReader.TryRead(bytes, out var script, out var error));
        Assert.Null(script);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryRead_TooLarge_ReturnsFalse()
    {
        var bytes = new byte[IpxeScriptReader.MaxLength + 1];
        "#!ipxe\n"u8.CopyTo(bytes);

        Assert.False(IpxeScriptReader.TryRead(bytes, out _, out var error));
        Assert.Equal(IpxeReadError.TooLarge, error);
    }

    [Fact]
    public void TryRead_Script_ReturnsModel()
    {
        Assert.True(IpxeScriptReader.TryRead("#!ipxe\nboot\n"u8, out var script, out var error));
        Assert.Equal(IpxeReadError.None, error);
        Assert.Equal(2, script.Lines.Count);
    }

    [Fact]
    public void Read_SettingReferences_SplitScopeNameType()
    {
        var script = Read("#!ipxe\nchain http://${next-server}/${net0/mac:hexhyp}/${net0.dhcp/ip}-${${var}}\n");

        var references = script.Lines[1].Commands[0].Arguments[0].GetReferences();

        Assert.Equal(
            ["${next-server}", "${net0/mac:hexhyp}", "${net0.dhcp/ip}", "${var}", "${${var}}"],
            references.Select(r => r.ToString()));
        Assert.Equal("net0.dhcp", references[2].Scope);
        Assert.Equal("hexhyp", references[1].Type);
        Assert.True(references[4].IsDynamic);
        Assert.Equal(new IpxePosition(2, 14), references[0].Position);
    }
}
