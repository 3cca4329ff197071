using System.Text;

namespace BareMetal.Tftp.Tests.Files;

public sealed class TftpFileNameTests
{
    [Theory]
    [InlineData("pxelinux.0")]
    [InlineData("boot/ipxe/snponly.efi")]
    [InlineData("pxelinux.cfg/01-52-54-00-12-34-56")]
    [InlineData("a..b")]
    public void Validate_RelativeName_IsAccepted(string name) =>
        Assert.Equal(TftpFileNameError.None, TftpFileName.Validate(Encoding.ASCII.GetBytes(name), 255));

    [Theory]
    [InlineData("", TftpFileNameError.Empty)]
    [InlineData("/etc/passwd", TftpFileNameError.Absolute)]
    [InlineData("..", TftpFileNameError.InvalidSegment)]
    [InlineData("../etc/passwd", TftpFileNameError.InvalidSegment)]
    [InlineData("boot/../../etc/passwd", TftpFileNameError.InvalidSegment)]
    [InlineData("boot/./x", TftpFileNameError.InvalidSegment)]
    [InlineData("boot//x", TftpFileNameError.InvalidSegment)]
    [InlineData("boot/", TftpFileNameError.InvalidSegment)]
    [InlineData("..\\..\\windows", TftpFileNameError.Backslash)]
    [InlineData("a\u0001b", TftpFileNameError.InvalidCharacter)]
    [InlineData("a\u007Fb", TftpFileNameError.InvalidCharacter)]
    public void Validate_Dangerous_IsRefusedWithReason(string name, TftpFileNameError expected) =>
        Assert.Equal(expected, TftpFileName.Validate(Encoding.ASCII.GetBytes(name), 255));

    [Fact]
    public void Validate_NonAsciiAndNul_AreRefused()
    {
        Assert.Equal(TftpFileNameError.InvalidCharacter, TftpFileName.Validate([0x61, 0xC3, 0xA9], 255));
        Assert.Equal(TftpFileNameError.InvalidCharacter, TftpFileName.Validate([0x61, 0x00, 0x62], 255));
    }

    [Fact]
    public void Validate_OverLongName_IsRefused()
    {
        Assert.Equal(TftpFileNameError.None, TftpFileName.Validate(new byte[255].Select(_ => (byte)'a').ToArray(), 255));
        Assert.Equal(TftpFileNameError.TooLong, TftpFileName.Validate(new byte[256].Select(_ => (byte)'a').ToArray(), 255));
    }
}
