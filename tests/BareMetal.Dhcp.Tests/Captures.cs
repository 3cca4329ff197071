using BareMetal.Testing;

namespace BareMetal.Dhcp.Tests;

/// <summary>The DHCP payloads of the real captures, by file and frame number (as tshark numbers them).</summary>
internal static class Captures
{
    public const string BiosIpxe = "netboot-bios-ipxe-dhcp.pcap";
    public const string UefiEdk2Ipxe = "netboot-uefi-edk2-ipxe-dhcp.pcap";
    public const string UdhcpcBusybox = "dhcp-udhcpc-busybox.pcap";

    public static readonly string[] All = [BiosIpxe, UefiEdk2Ipxe, UdhcpcBusybox];

    /// <summary>The UDP payload of frame <paramref name="frame"/> (1-based, as in <c>tshark -r FILE</c>).</summary>
    public static byte[] Frame(string file, int frame) =>
        PcapFile.ReadUdp(file).Single(d => d.Index == frame).Payload;

    public static DhcpMessageReader Parse(byte[] payload)
    {
        Assert.True(DhcpMessageReader.TryParse(payload, out var reader, out var error), $"parse failed: {error}");
        Assert.Equal(DhcpParseError.None, error);
        return reader;
    }
}
