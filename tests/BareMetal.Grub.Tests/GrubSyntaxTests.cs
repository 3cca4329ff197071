namespace BareMetal.Grub.Tests;

public class GrubSyntaxTests
{
    [Theory]
    [InlineData("console=ttyS0,115200", "console=ttyS0,115200")]
    [InlineData("(tftp,192.0.2.1)/images/vmlinuz", "(tftp,192.0.2.1)/images/vmlinuz")]
    [InlineData("a#b", "a#b")]
    [InlineData("", "''")]
    [InlineData("#not-a-comment", "'#not-a-comment'")]
    [InlineData("two words", "'two words'")]
    [InlineData("$root", "'$root'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("a;b", "'a;b'")]
    [InlineData("{", "'{'")]
    [InlineData("if", "'if'")]
    [InlineData("[[", "'[['")]
    [InlineData("*.efi", "'*.efi'")]
    [InlineData("back\\slash", "'back\\slash'")]
    [InlineData("\"dq\"", "'\"dq\"'")]
    [InlineData("héllo", "'héllo'")]
    public void Quote_Value_WritesTheWordGrubReadsBack(string value, string expected) =>
        Assert.Equal(expected, GrubSyntax.Quote(value));

    [Theory]
    [InlineData("a\0b", GrubTextError.Nul)]
    [InlineData("line\nbreak", GrubTextError.ControlCharacter)]
    [InlineData("tab\there", GrubTextError.ControlCharacter)]
    [InlineData("del\x7f", GrubTextError.ControlCharacter)]
    public void ValidateLiteral_TextNoQuotingCarries_NamesTheProblem(string value, GrubTextError expected)
    {
        Assert.Equal(expected, GrubSyntax.ValidateLiteral(value));
        var error = Assert.Throws<ArgumentException>(() => GrubSyntax.Quote(value));
        Assert.Equal("text", error.ParamName);
        Assert.Contains(GrubSyntax.Describe(expected), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("root", GrubTextError.None)]
    [InlineData("_x9", GrubTextError.None)]
    [InlineData("", GrubTextError.Empty)]
    [InlineData("9lives", GrubTextError.InvalidName)]
    [InlineData("net-default", GrubTextError.InvalidName)]
    [InlineData("a b", GrubTextError.InvalidName)]
    public void ValidateName_FollowsTheLexersNameRule(string name, GrubTextError expected) =>
        Assert.Equal(expected, GrubSyntax.ValidateName(name));

    [Fact]
    public void ValidateLiteral_LoneSurrogates_AreRefused()
    {
        // Built in code: xunit's attribute serialization would replace a lone surrogate with U+FFFD.
        Assert.Equal(GrubTextError.InvalidSurrogate, GrubSyntax.ValidateLiteral(new string((char)0xD800, 1)));
        Assert.Equal(GrubTextError.InvalidSurrogate, GrubSyntax.ValidateLiteral("x" + (char)0xDC00));
        Assert.Equal(GrubTextError.InvalidSurrogate, GrubSyntax.ValidateLiteral((char)0xD800 + "x"));
    }

    [Fact]
    public void ValidateLiteral_SurrogatePair_IsValid() =>
        Assert.Equal(GrubTextError.None, GrubSyntax.ValidateLiteral("boot 🚀"));
}
