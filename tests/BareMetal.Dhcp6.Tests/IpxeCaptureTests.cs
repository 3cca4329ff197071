using BareMetal.Dhcp;

namespace BareMetal.Dhcp6.Tests;

/// <summary>Golden tests on iPXE EFI (snponly.efi) DHCPv6 and Kea's answers with a domain search list.</summary>
public class IpxeCaptureTests
{
    [Fact]
    public void Classify_IpxeSolicit_IsIpxeWithUuidDuid()
    {
        var solicit = Captures.Parse(Captures.Frame(Captures.IpxeEfi, 1));
        var info = Dhcp6BootClassifier.Classify(solicit);

        Assert.Equal(Dhcp6MessageType.Solicit, solicit.MessageType);
        Assert.True(info.IsBootRequest, info.NotBootReason.ToString());
        Assert.Equal(FirmwareKind.Ipxe, info.FirmwareKind);
        Assert.True(info.IsIpxe);
        Assert.Equal(ClientArchitecture.X64Uefi, info.Architecture);
        Assert.Equal((3, 10), (info.UndiMajor, info.UndiMinor));

        // iPXE identifies itself with a DUID-UUID (RFC 6355): no MAC in it, and no relay to add one.
        Assert.True(solicit.TryGetClientId(out var duid));
        Assert.Equal(Dhcp6DuidType.Uuid, duid.Type);
        // The machine ran without QEMU's -uuid, so its SMBIOS UUID, and thus its DUID, is all zeros: every such VM
        // shares one DUID, which is why the engine can also key on the MAC (RFC 6939) and on the IAID.
        Assert.Equal(Guid.Empty, info.Uuid);
        Assert.Null(info.MacAddress);
    }

    [Fact]
    public void Solicit_Ipxe_UserAndVendorClass()
    {
        var solicit = Captures.Parse(Captures.Frame(Captures.IpxeEfi, 1));

        Assert.True(solicit.TryGetUserClass(out var userClass));
        Assert.True(userClass.Contains("iPXE"u8));
        Assert.True(solicit.TryGetVendorClass(out var enterprise, out var vendor));
        Assert.Equal(343u, enterprise);
        Assert.Equal("PXEClient:Arch:00007:UNDI:003010"u8.ToArray(), vendor.First.ToArray());
        Assert.True(solicit.IsOptionRequested(Dhcp6OptionCode.DomainSearchList));
    }

    [Fact]
    public void Advertise_Kea_DomainSearchListDecodes()
    {
        var advertise = Captures.Parse(Captures.Frame(Captures.IpxeEfi, 2));

        Assert.True(advertise.TryGetDomainSearchList(out var encoded));
        var names = new List<string>();
        Span<char> text = stackalloc char[Dhcp6DomainName.MaximumEncodedLength];
        while (!encoded.IsEmpty)
        {
            Assert.True(Dhcp6DomainName.TryFormat(encoded, text, out var written, out var consumed));
            names.Add(new string(text[..written]));
            encoded = encoded[consumed..];
        }

        Assert.Equal(["lab.example", "example.org"], names);
    }

    [Fact]
    public void Request_Ipxe_EchoesServerIdAndAsksForOfferedAddress()
    {
        var request = Captures.Parse(Captures.Frame(Captures.IpxeEfi, 4));

        Assert.Equal(Dhcp6MessageType.Request, request.MessageType);
        Assert.True(request.TryGetServerId(out var server));
        Assert.Equal(Dhcp6DuidType.LinkLayer, server.Type);
        foreach (var option in request.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia))
            {
                foreach (var inner in ia.GetOptions())
                {
                    Assert.True(inner.TryReadIaAddress(out var address));
                    Assert.Equal(Ipv6Address.Parse("2001:db8:24::104"), address.Address);
                }
            }
        }
    }
}
