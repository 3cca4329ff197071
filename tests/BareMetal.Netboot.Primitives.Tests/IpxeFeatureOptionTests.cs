namespace BareMetal.Netboot.Tests;

public class IpxeFeatureOptionTests
{
    [Fact]
    public void TryParse_IpxeOption175_ReadsFeatureSubOptions()
    {
        // As undionly.kpxe sends it: priority (175.1), PXE_EXT, ISCSI, AoE, HTTP, TFTP, DNS, bzImage, menu, version (175.235).
        var bytes = Convert.FromHexString("0101fe" + "100101" + "110101" + "120101" + "130101" + "150101" + "170101" + "180101" + "270101" + "eb03010015");

        Assert.True(IpxeFeatureOption.TryParse(bytes, out var features, out var error));

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
        Assert.False(IpxeFeatureOption.TryParse(Convert.FromHexString(hex), out var features, out var error));
        Assert.Equal((IpxeFeatures.None, IpxeFeatureParseError.Truncated), (features, error));
    }

    [Fact]
    public void TryParse_PadEndAndZeroValue()
    {
        Assert.True(IpxeFeatureOption.TryParse(Convert.FromHexString("00140100" + "130101" + "ff" + "150101"), out var features, out _));

        Assert.Equal(IpxeFeatures.Http, features);
    }

    [Theory]
    [InlineData("130101" + "1302")]
    [InlineData("130101" + "15")]
    public void ReadAnnounced_TruncatedTail_KeepsTheFlagsBeforeIt(string hex)
    {
        Assert.Equal(IpxeFeatures.Http, IpxeFeatureOption.ReadAnnounced(Convert.FromHexString(hex)));
    }

    [Fact]
    public void TryParse_FlagBitIsTheSubOptionCode()
    {
        // 175.36 (EFI) and 175.48 (a code iPXE may add later): bit n is sub-option n.
        Assert.True(IpxeFeatureOption.TryParse(Convert.FromHexString("240101" + "300101"), out var features, out _));

        Assert.Equal(IpxeFeatures.Efi | (IpxeFeatures)(1UL << 0x30), features);
        Assert.Equal(1UL << 36, (ulong)IpxeFeatures.Efi);
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool AnyBytes_ParseOrTruncated_NeverThrow(byte[] bytes)
    {
        var ok = IpxeFeatureOption.TryParse(bytes, out var features, out var error);
        var lenient = IpxeFeatureOption.ReadAnnounced(bytes);

        // Strict and lenient agree whenever the bytes are well formed; a failure reports nothing.
        return ok ? error == IpxeFeatureParseError.None && features == lenient
                  : error == IpxeFeatureParseError.Truncated && features == IpxeFeatures.None;
    }
}
