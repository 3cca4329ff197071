using BareMetal.Testing;

namespace BareMetal.Dhcp6.Tests;

/// <summary>The DHCPv6 payloads of the real captures, by file and frame number (as <c>tcpdump -r FILE</c> numbers them, from 1).</summary>
internal static class Captures
{
    /// <summary>OVMF (EDK2) UEFI PXE over IPv6 against Kea 2.2: two Solicit/Advertise/Request/Reply exchanges and two Releases; Kea answers each twice.</summary>
    public const string Edk2Pxe = "dhcp6-uefi-edk2-pxe.pcap";

    /// <summary>OVMF UEFI HTTP boot over IPv6 against Kea with an HTTPClient class: Solicit, Advertise, Request, Reply, then two Releases and Replies.</summary>
    public const string Edk2Http = "dhcp6-uefi-edk2-http.pcap";

    /// <summary>iPXE EFI (snponly.efi chained from EDK2) Solicit/Advertise/Request/Reply against Kea.</summary>
    public const string IpxeEfi = "dhcp6-ipxe-efi.pcap";

    /// <summary>ISC dhclient 4.4 <c>-6 -P -N</c> (IA_NA and IA_PD) against Kea: Solicit, Advertise, Request, Reply, Release, Reply.</summary>
    public const string Dhclient = "dhcp6-dhclient-kea.pcap";

    /// <summary>perfdhcp -6: two Solicits, an Advertise, Request, Reply (DUID-LL clients).</summary>
    public const string Perfdhcp = "dhcp6-perfdhcp-kea.pcap";

    /// <summary>perfdhcp -6 -A1: the same exchanges in Relay-Forw / Relay-Reply.</summary>
    public const string PerfdhcpRelayed = "dhcp6-perfdhcp-relay-kea.pcap";

    public static readonly string[] All = [Edk2Pxe, Edk2Http, IpxeEfi, Dhclient, Perfdhcp, PerfdhcpRelayed];

    public static byte[] Frame(string file, int frame) =>
        PcapFile.ReadUdp(file).Single(d => d.Index == frame).Payload;

    public static IEnumerable<byte[]> Payloads(string file) => PcapFile.ReadUdp(file).Select(d => d.Payload);

    public static byte[][] AllPayloads() => All.SelectMany(Payloads).ToArray();

    public static Dhcp6MessageReader Parse(byte[] payload)
    {
        Assert.True(Dhcp6MessageReader.TryParse(payload, out var reader, out var error, out var offender), $"parse failed: {error} at option {offender}");
        Assert.Equal(Dhcp6ParseError.None, error);
        return reader;
    }
}
