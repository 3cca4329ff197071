using BareMetal.Dhcp;

namespace BareMetal.Dhcp6.Tests;

/// <summary>Golden tests on OVMF (EDK2) UEFI HTTP boot over IPv6 and Kea's answer from an HTTPClient client class.</summary>
public class Edk2HttpCaptureTests
{
    [Fact]
    public void Classify_Edk2HttpSolicit_IsUefiHttpX64()
    {
        var solicit = Captures.Parse(Captures.Frame(Captures.Edk2Http, 1));
        var info = Dhcp6BootClassifier.Classify(solicit);

        Assert.True(solicit.TryGetVendorClass(out var enterprise, out var items));
        Assert.Equal(343u, enterprise);
        Assert.Equal("HTTPClient:Arch:00016:UNDI:003000"u8.ToArray(), items.First.ToArray());
        Assert.True(info.IsBootRequest, info.NotBootReason.ToString());
        Assert.Equal(FirmwareKind.UefiHttp, info.FirmwareKind);
        Assert.Equal(ClientArchitecture.X64UefiHttp, info.Architecture);
        Assert.True(info.IsHttpBoot);
        Assert.True(info.RequestsBootFileUrl);
        Assert.Equal(MacAddress.Parse("52:54:00:24:00:16"), info.MacAddress);
    }

    [Fact]
    public void Advertise_KeaHttpClass_HttpUrlAndHttpClientVendorClass()
    {
        var advertise = Captures.Parse(Captures.Frame(Captures.Edk2Http, 2));

        Assert.True(advertise.TryGetBootFileUrl(out var url));
        Assert.Equal("http://[2001:db8:24:3::1]/ipxe.efi"u8.ToArray(), url.ToArray());
        Assert.True(advertise.TryGetVendorClass(out var enterprise, out var items));
        Assert.Equal(343u, enterprise);
        Assert.Equal("HTTPClient"u8.ToArray(), items.First.ToArray());
    }
}
