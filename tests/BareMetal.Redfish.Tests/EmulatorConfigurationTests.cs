namespace BareMetal.Redfish.Tests;

/// <summary>The lab BMC refuses a bad configuration at start, naming the file, the field and the fix.</summary>
public sealed class EmulatorConfigurationTests
{
    [Theory]
    [InlineData("""{"passwordEnvironment":"X","machines":[{"id":"bad id!"}]}""", "machines[0].id 'bad id!' must be 1-32 letters")]
    [InlineData("""{"passwordEnvironment":"X","machines":[{"id":"a","nic":{"mac":"52:54"}}]}""", "machines[0].nic.mac '52:54' must look like")]
    [InlineData("""{"passwordEnvironment":"X","machines":[{"id":"a","firmware":"coreboot"}]}""", "machines[0].firmware 'coreboot' must be 'bios' or 'uefi'")]
    [InlineData("""{"passwordEnvironment":"X","machines":[{"id":"a","arguments":["-qmp","stdio"]}]}""", "must not hold -qmp, -name or -boot")]
    [InlineData("""{"machines":[{"id":"a"}]}""", "set passwordFile or passwordEnvironment")]
    [InlineData("""{"passwordEnvironment":"X","machines":[]}""", "machines is empty")]
    [InlineData("""{"passwordEnvironment":"X","listen":"nowhere","machines":[{"id":"a"}]}""", "listen 'nowhere' is not IP:port")]
    [InlineData("""{"passwordEnvironment":"X","machine":[]}""", "CONFIG:")]
    public void BadConfiguration_ExitsWithTheFieldAndTheFix(string json, string expected)
    {
        var (code, output) = LabBmc.RunWithConfiguration(json);
        Assert.Equal(2, code);
        Assert.Contains("error: CONFIG", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPassword_Refused()
    {
        var (code, output) = LabBmc.RunWithConfiguration("""{"passwordEnvironment":"BMH18_SURELY_UNSET_VARIABLE","machines":[{"id":"a"}]}""");
        Assert.Equal(2, code);
        Assert.Contains("environment variable BMH18_SURELY_UNSET_VARIABLE is empty", output, StringComparison.Ordinal);
    }
}
