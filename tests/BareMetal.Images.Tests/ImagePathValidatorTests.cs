namespace BareMetal.Images.Tests;

public class ImagePathValidatorTests
{
    [Theory]
    [InlineData("/images/debian/vmlinuz", "None")]
    [InlineData("/images/disk.raw?x=1", "None")]
    [InlineData("/images/../etc/passwd", "DotSegment")]
    [InlineData("/images/./disk.raw", "DotSegment")]
    [InlineData("/images/%2e%2e/etc/passwd", "DotSegment")]
    [InlineData("/images/.%2E/etc/passwd", "DotSegment")]
    [InlineData("/images/a%2Fb", "EncodedSeparator")]
    [InlineData("/images/a%5cb", "EncodedSeparator")]
    [InlineData("/images/a\\b", "EncodedSeparator")]
    [InlineData("/images/a%00b", "ControlCharacter")]
    [InlineData("/images/a%0ab", "ControlCharacter")]
    [InlineData("/images/a\0b", "ControlCharacter")]
    public void CheckRaw_RequestTarget_ReturnsExpected(string raw, string expected) =>
        Assert.Equal(Enum.Parse<ImagePathError>(expected), ImagePathValidator.CheckRaw(raw));

    [Theory]
    [InlineData("debian/vmlinuz", "None")]
    [InlineData("", "Empty")]
    [InlineData("a//b", "EmptySegment")]
    [InlineData("a/", "EmptySegment")]
    [InlineData(".hidden", "Dotfile")]
    [InlineData("dir/.ssh/id", "Dotfile")]
    [InlineData("..", "DotSegment")]
    [InlineData("a/%2F/b", "EncodedSeparator")]
    [InlineData("a\u0001b", "ControlCharacter")]
    public void CheckDecoded_Path_ReturnsExpected(string path, string expected) =>
        Assert.Equal(Enum.Parse<ImagePathError>(expected), ImagePathValidator.CheckDecoded(path, 1024, 255));

    [Fact]
    public void CheckDecoded_OverLongSegmentOrPath_IsTooLong()
    {
        Assert.Equal(ImagePathError.TooLong, ImagePathValidator.CheckDecoded(new string('a', 256), 1024, 255));
        Assert.Equal(ImagePathError.TooLong, ImagePathValidator.CheckDecoded(string.Join('/', Enumerable.Repeat(new string('a', 200), 6)), 1024, 255));
    }
}
