using BareMetal.Testing;

namespace BareMetal.Dhcp.Tests;

public class CaptureReadingTests
{
    [Fact]
    public void ReadUdp_BiosIpxeCapture_StartsWithDiscoverFromClientPort68()
    {
        var datagrams = PcapFile.ReadUdp("netboot-bios-ipxe-dhcp.pcap");

        Assert.NotEmpty(datagrams);
        Assert.Equal(68, datagrams[0].SourcePort);
        Assert.Equal(67, datagrams[0].DestinationPort);
        // RFC 2131 §3: op 1 (BOOTREQUEST), then the magic cookie 99.130.83.99 at offset 236.
        Assert.Equal(1, datagrams[0].Payload[0]);
        Assert.Equal(new byte[] { 99, 130, 83, 99 }, datagrams[0].Payload[236..240]);
    }
}
