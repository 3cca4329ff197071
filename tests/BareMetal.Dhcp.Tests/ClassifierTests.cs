namespace BareMetal.Dhcp.Tests;

/// <summary>PxeClassifier on hand-built requests: each firmware kind and each not-a-boot-request reason.</summary>
public class ClassifierTests
{
    private static PxeClientInfo Classify(params byte[] options)
    {
        Assert.True(DhcpMessageReader.TryParse(RawPacket.Request([.. options, 255]), out var reader, out var error), error.ToString());
        return PxeClassifier.Classify(reader);
    }

    private static byte[] Option(byte code, string ascii) => [code, (byte)ascii.Length, .. System.Text.Encoding.ASCII.GetBytes(ascii)];

    private static byte[] Arch(ushort value) => [93, 2, (byte)(value >> 8), (byte)value];

    private static readonly byte[] Discover = [53, 1, 1];

    [Fact]
    public void Classify_HttpClientVendorClass_UefiHttp()
    {
        var info = Classify([.. Discover, .. Arch(16), .. Option(60, "HTTPClient:Arch:00016:UNDI:003001")]);

        Assert.True(info.IsBootRequest);
        Assert.Equal(FirmwareKind.UefiHttp, info.FirmwareKind);
        Assert.Equal(ClientArchitecture.X64UefiHttp, info.Architecture);
        Assert.True(info.IsHttpBoot);
        Assert.True(info.IsUefi);
    }

    [Theory]
    [InlineData(0, FirmwareKind.LegacyPxe)]
    [InlineData(6, FirmwareKind.UefiPxe)]
    [InlineData(7, FirmwareKind.UefiPxe)]
    [InlineData(9, FirmwareKind.UefiPxe)]
    [InlineData(11, FirmwareKind.UefiPxe)]
    [InlineData(12, FirmwareKind.LegacyPxe)]
    [InlineData(27, FirmwareKind.UefiPxe)]
    [InlineData(39, FirmwareKind.UefiPxe)]
    [InlineData(22, FirmwareKind.LegacyPxe)]
    public void Classify_PxeClientByArchitecture_LegacyOrUefi(ushort arch, FirmwareKind expected)
    {
        var info = Classify([.. Discover, .. Arch(arch), .. Option(60, $"PXEClient:Arch:{arch:D5}:UNDI:002001")]);

        Assert.True(info.IsBootRequest);
        Assert.Equal(expected, info.FirmwareKind);
        Assert.Equal((ClientArchitecture)arch, info.Architecture);
    }

    [Fact]
    public void Classify_NoOption93_ArchitectureFromVendorClass()
    {
        var info = Classify([.. Discover, .. Option(60, "PXEClient:Arch:00011:UNDI:003016")]);

        Assert.True(info.IsBootRequest);
        Assert.True(info.HasArchitecture);
        Assert.Equal(ClientArchitecture.Arm64Uefi, info.Architecture);
        Assert.Equal(FirmwareKind.UefiPxe, info.FirmwareKind);
    }

    [Fact]
    public void Classify_PlainPxeClientWithoutArchitecture_MissingArchitecture()
    {
        var info = Classify([.. Discover, .. Option(60, "PXEClient")]);

        Assert.False(info.IsBootRequest);
        Assert.Equal(PxeNotBootReason.MissingArchitecture, info.NotBootReason);
        Assert.Equal(FirmwareKind.LegacyPxe, info.FirmwareKind);
        Assert.False(info.HasArchitecture);
    }

    [Fact]
    public void Classify_IpxeWithCustomUserClass_IpxeCustomUserClass()
    {
        byte[] ipxe = [175, 3, 0x13, 1, 1]; // HTTP feature
        var info = Classify([.. Discover, .. Arch(7), .. Option(60, "PXEClient:Arch:00007:UNDI:003010"), .. Option(77, "baremetal"), .. ipxe]);

        Assert.True(info.IsBootRequest);
        Assert.Equal(FirmwareKind.IpxeCustomUserClass, info.FirmwareKind);
        Assert.True(info.IsIpxe);
        Assert.Equal(IpxeFeatures.Http, info.IpxeFeatures);
    }

    [Fact]
    public void Classify_Rfc3004UserClassListingIpxe_Ipxe()
    {
        // RFC 3004 §2: [len "corp"] [len "iPXE"].
        byte[] userClass = [77, 10, 4, (byte)'c', (byte)'o', (byte)'r', (byte)'p', 4, (byte)'i', (byte)'P', (byte)'X', (byte)'E'];
        var info = Classify([.. Discover, .. Arch(0), .. Option(60, "PXEClient:Arch:00000:UNDI:002001"), .. userClass]);

        Assert.Equal(FirmwareKind.Ipxe, info.FirmwareKind);
    }

    [Fact]
    public void Classify_Release_NotDiscoverOrRequest()
    {
        var info = Classify([53, 1, 7, .. Arch(0), .. Option(60, "PXEClient:Arch:00000:UNDI:002001")]);

        Assert.Equal(PxeNotBootReason.NotDiscoverOrRequest, info.NotBootReason);
        Assert.Equal(DhcpMessageType.Release, info.MessageType);
    }

    [Fact]
    public void Classify_NoVendorClass_NoVendorClass()
    {
        var info = Classify([.. Discover, .. Arch(0)]);

        Assert.Equal(PxeNotBootReason.NoVendorClass, info.NotBootReason);
        Assert.Equal(FirmwareKind.NotPxe, info.FirmwareKind);
    }

    [Fact]
    public void Classify_Uuid_ReadInGuidByteOrder()
    {
        byte[] uuid = [97, 17, 0, 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF];
        var info = Classify([.. Discover, .. Arch(7), .. Option(60, "PXEClient:Arch:00007:UNDI:003000"), .. uuid]);

        Assert.Equal(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), info.Uuid);
    }

    [Fact]
    public void Classify_UuidWithWrongType_Null()
    {
        byte[] uuid = [97, 17, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var info = Classify([.. Discover, .. Arch(7), .. Option(60, "PXEClient:Arch:00007:UNDI:003000"), .. uuid]);

        Assert.Null(info.Uuid);
    }

    [Fact]
    public void Classify_VendorClassSplitPerRfc3396_Concatenated()
    {
        var info = Classify([.. Discover, .. Arch(7), .. Option(60, "PXECli"), .. Option(60, "ent:Arch:00007:UNDI:003000")]);

        Assert.Equal(FirmwareKind.UefiPxe, info.FirmwareKind);
        Assert.True(info.IsBootRequest);
    }

    [Theory]
    [InlineData("PXEClient:Arch:00007:UNDI:003000", true, 7)]
    [InlineData("HTTPClient:Arch:00016", true, 16)]
    [InlineData("PXEClient:Arch:0007:UNDI", false, 0)]
    [InlineData("PXEClient:Arch:000a7:UNDI", false, 0)]
    [InlineData("PXEClient:Arch:000071", false, 0)]
    [InlineData("PXEClient:Arch:99999", false, 0)]
    [InlineData("PXEClient", false, 0)]
    public void TryParseVendorClassArchitecture_Cases(string vendorClass, bool ok, ushort expected)
    {
        Assert.Equal(ok, PxeClassifier.TryParseVendorClassArchitecture(System.Text.Encoding.ASCII.GetBytes(vendorClass), out var arch));
        Assert.Equal((ClientArchitecture)expected, arch);
    }
}
