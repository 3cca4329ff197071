namespace BareMetal.Ipxe.Tests.Linting;

public class IpxeFeatureFlagsTests
{
    [Fact]
    public void TryParse_IpxeOption175_ReadsFeatureSubOptions()
    {
        // As undionly.kpxe sends it: priority (175.1), PXE_EXT, ISCSI, AoE, HTTP, TFTP, DNS, bzImage, menu, version (175.235).
        var bytes = Convert.FromHexString("0101fe" + "100101" + "110101" + "120101" + "130101" + "150101" + "170101" + "180101" + "270101" + "eb03010015");

        Assert.True(IpxeFeatureFlags.TryParse(bytes, out var features, out var error));

        Assert.Equal(IpxeFeatureParseError.None, error);
        Assert.Equal(
            IpxeFeatures.PxeExtensions | IpxeFeatures.Iscsi | IpxeFeatures.Aoe | IpxeFeatures.Http | IpxeFeatures.Tftp | IpxeFeatures.Dns | IpxeFeatures.BzImage | IpxeFeatures.Menu,
            features);
    }

    [Theory]
    [InlineData("13")]
    [InlineData("1302")]
    [InlineData("130201")]
    public void TryParse_Truncated_Fails(string hex)
    {
        Assert.False(IpxeFeatureFlags.TryParse(Convert.FromHexString(hex), out var features, out var error));
        Assert.Equal((IpxeFeatures.None, IpxeFeatureParseError.Truncated), (features, error));
    }

    [Fact]
    public void TryParse_PadEndAndZeroValue()
    {
        Assert.True(IpxeFeatureFlags.TryParse(Convert.FromHexString("00140100" + "130101" + "ff" + "150101"), out var features, out _));

        Assert.Equal(IpxeFeatures.Http, features);
    }
}
