using BareMetal.Dhcp6.Server.Engine;
using BareMetal.Dhcp6.Server.Tests.Support;
using BareMetal.Testing;
using FsCheck.Xunit;

namespace BareMetal.Dhcp6.Server.Tests.Engine;

/// <summary>The engine never throws on untrusted bytes: arbitrary ones and captured messages with bytes flipped.</summary>
public class RobustnessProperties
{
    private static readonly EngineHarness Harness = new(o => o.AllowRapidCommit = true);

    private static readonly byte[][] Captured =
    [
        .. new[] { "dhcp6-uefi-edk2-pxe.pcap", "dhcp6-ipxe-efi.pcap", "dhcp6-dhclient-kea.pcap", "dhcp6-perfdhcp-kea.pcap", "dhcp6-perfdhcp-relay-kea.pcap" }
            .SelectMany(file => PcapFile.ReadUdp(file).Select(d => d.Payload)),
    ];

    private static bool Check(byte[] bytes)
    {
        lock (Harness)
        {
            var (result, reply) = Harness.Send(bytes);
            return Enum.IsDefined(result.IgnoreReason)
                && (result.HasReply ? result.IgnoreReason == Dhcp6IgnoreReason.None && Dhcp6MessageReader.TryParse(reply, out _, out _) : result.IgnoreReason != Dhcp6IgnoreReason.None);
        }
    }

    [Property(MaxTest = 500)]
    public bool ArbitraryBytes_NeverThrow(byte[] bytes) => Check(bytes ?? []);

    [Property(MaxTest = 1000)]
    public bool CapturedMessage_Mutated_AnsweredOrIgnoredWithReason(int which, int position, byte value)
    {
        var bytes = (byte[])Captured[(int)((uint)which % Captured.Length)].Clone();
        bytes[(int)((uint)position % bytes.Length)] ^= value;
        return Check(bytes);
    }
}
