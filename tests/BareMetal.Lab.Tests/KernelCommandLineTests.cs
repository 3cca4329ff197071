using BareMetal.LabAgent;
using FsCheck.Xunit;

namespace BareMetal.Lab.Tests;

public class KernelCommandLineTests
{
    private const string Valid =
        "BOOT_IMAGE=vmlinuz console=ttyS0,115200 panic=10 baremetal.api=http://192.0.2.1:8080 baremetal.mac=52:54:00:00:B1:05 baremetal.token=0a1b2c initrd=initrd.gz\n";

    [Fact]
    public void TryParse_HostScriptLine_ReadsAllThree()
    {
        Assert.True(KernelCommandLine.TryParse(Valid, out var result, out var error));
        Assert.Equal(KernelCommandLineError.None, error);
        Assert.Equal(new Uri("http://192.0.2.1:8080"), result!.Api);
        Assert.Equal("52:54:00:00:b1:05", result.Mac);
        Assert.Equal("0a1b2c", result.Token);
    }

    [Theory]
    [InlineData("console=ttyS0 baremetal.mac=52:54:00:00:b1:05 baremetal.token=t", KernelCommandLineError.MissingApi)]
    [InlineData("baremetal.api= baremetal.mac=52:54:00:00:b1:05 baremetal.token=t", KernelCommandLineError.MissingApi)]
    [InlineData("baremetal.api=192.0.2.1:8080 baremetal.mac=52:54:00:00:b1:05 baremetal.token=t", KernelCommandLineError.InvalidApi)]
    [InlineData("baremetal.api=ftp://192.0.2.1 baremetal.mac=52:54:00:00:b1:05 baremetal.token=t", KernelCommandLineError.InvalidApi)]
    [InlineData("baremetal.api=http://192.0.2.1:8080 baremetal.token=t", KernelCommandLineError.MissingMac)]
    [InlineData("baremetal.api=http://192.0.2.1:8080 baremetal.mac=52-54-00-00-b1-05 baremetal.token=t", KernelCommandLineError.InvalidMac)]
    [InlineData("baremetal.api=http://192.0.2.1:8080 baremetal.mac=52:54:00:00:b1 baremetal.token=t", KernelCommandLineError.InvalidMac)]
    [InlineData("baremetal.api=http://192.0.2.1:8080 baremetal.mac=52:54:00:00:b1:0g baremetal.token=t", KernelCommandLineError.InvalidMac)]
    [InlineData("baremetal.api=http://192.0.2.1:8080 baremetal.mac=52:54:00:00:b1:05", KernelCommandLineError.MissingToken)]
    [InlineData("baremetal.api=http://192.0.2.1:8080 baremetal.mac=52:54:00:00:b1:05 baremetal.token=", KernelCommandLineError.MissingToken)]
    [InlineData("", KernelCommandLineError.MissingApi)]
    public void TryParse_IncompleteLine_NamesTheMissingSetting(string line, KernelCommandLineError expected)
    {
        Assert.False(KernelCommandLine.TryParse(line, out var result, out var error));
        Assert.Null(result);
        Assert.Equal(expected, error);
        Assert.Contains("baremetal.", KernelCommandLine.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_RepeatedParameter_LastOneWins()
    {
        var line = "baremetal.api=http://198.18.0.9:1 " + Valid;
        Assert.True(KernelCommandLine.TryParse(line, out var result, out _));
        Assert.Equal(new Uri("http://192.0.2.1:8080"), result!.Api);
    }

    [Property]
    public bool TryParse_AnyText_NeverThrowsAndErrorMatchesResult(string? text)
    {
        var ok = KernelCommandLine.TryParse(text, out var result, out var error);
        return ok == (error == KernelCommandLineError.None) && ok == (result is not null);
    }
}
