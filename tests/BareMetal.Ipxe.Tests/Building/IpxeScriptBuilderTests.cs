namespace BareMetal.Ipxe.Tests.Building;

public class IpxeScriptBuilderTests
{
    [Fact]
    public void Build_SeparatorsJoinCommandsOnOneLine()
    {
        var text = TestText.Build(b => b.Header().Isset("${filename}").Or().Set("filename", "boot.ipxe").Then().Echo("ok"));

        Assert.Equal("#!ipxe\nisset ${filename} || set filename boot.ipxe ; echo ok\n", text);
    }

    [Fact]
    public void Build_TrailingOr_EndsLineWithSeparator()
    {
        var text = TestText.Build(b => b.Iseq("${platform}", "efi").And().Goto("efi").Or().Label("efi"));

        Assert.Equal("iseq ${platform} efi && goto efi ||\n:efi\n", text);
    }

    [Fact]
    public void Or_WithoutCommand_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestText.Build(b => b.Header().Complete().Or()));

        Assert.Contains("write a command before the separator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_OnOneVariable_KeepState()
    {
        var text = TestText.Write(w =>
        {
            var b = new IpxeScriptBuilder(w);
            b.Header();
            b.Dhcp();
            b.Or();
            b.Exit(1);
            b.Complete();
        });

        Assert.Equal("#!ipxe\ndhcp || exit 1\n", text);
    }

    [Theory]
    [InlineData("two words", IpxeTokenError.Whitespace)]
    [InlineData("tab\there", IpxeTokenError.Whitespace)]
    [InlineData("cr\rhere", IpxeTokenError.LineBreak)]
    [InlineData("#hash", IpxeTokenError.LeadingHash)]
    [InlineData("&&", IpxeTokenError.Separator)]
    [InlineData(";", IpxeTokenError.Separator)]
    [InlineData("", IpxeTokenError.Empty)]
    [InlineData("nul\0", IpxeTokenError.ControlCharacter)]
    [InlineData("${open", IpxeTokenError.UnterminatedReference)]
    public void Goto_InvalidLabel_ThrowsWithDescription(string label, IpxeTokenError expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TestText.Build(b => b.Goto(label)));

        Assert.Contains(IpxeSyntax.Describe(expected), error.Message, StringComparison.Ordinal);
        Assert.Equal("label", error.ParamName);
    }

    [Fact]
    public void FailedValidation_WritesNothingOfThatLine()
    {
        var text = TestText.Write(w =>
        {
            var b = new IpxeScriptBuilder(w).Header();
            Assert.Throws<ArgumentException>(() => b.Kernel("http://192.0.2.1/vmlinuz", "a;b c ;"));
            b.Complete();
        });

        Assert.Equal("#!ipxe\n", text);
    }

    [Fact]
    public void OptionValueStartingWithDash_IsWrittenInline()
    {
        var text = TestText.Build(b => b.Item("x", "X", key: "-"));

        Assert.Equal("item --key=- x X\n", text);
    }

    [Fact]
    public void Echo_FirstWordStartingWithDash_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TestText.Build(b => b.Echo("-x text")));

        Assert.Contains("read as an option", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ItemGap_TextAfterEndOfOptions()
    {
        var text = TestText.Build(b => b.ItemGap("-- Linux --").ItemGap());

        Assert.Equal("item --gap -- -- Linux --\nitem --gap\n", text);
    }

    [Fact]
    public void Sanboot_UriAndOptions()
    {
        var text = TestText.Build(b => b.Sanboot("http://192.0.2.1/debian.iso", keep: true).Sanhook("iscsi:192.0.2.5::::iqn.2024-01.test:disk", drive: 0x81));

        Assert.Equal("sanboot --keep http://192.0.2.1/debian.iso\nsanhook --drive 0x81 iscsi:192.0.2.5::::iqn.2024-01.test:disk\n", text);
    }

    [Fact]
    public void Comment_AndBlankLine()
    {
        var text = TestText.Build(b => b.Header().Comment("generated for 52:54:00:12:34:56").BlankLine().Prompt("Press any key", 3000));

        Assert.Equal("#!ipxe\n# generated for 52:54:00:12:34:56\n\nprompt --timeout 3000 Press any key\n", text);
    }

    [Fact]
    public void Command_ArbitraryCommandWithOptionTokens()
    {
        var text = TestText.Build(b => b.Command("cpair", "--foreground", "7", "--background", "0", "2").Command("ifstat"));

        Assert.Equal("cpair --foreground 7 --background 0 2\nifstat\n", text);
    }

    [Fact]
    public void Utf8Text_IsWrittenAsUtf8()
    {
        var text = TestText.Build(b => b.Echo("Grüße ✓"));

        Assert.Equal("echo Grüße ✓\n", text);
    }
}
