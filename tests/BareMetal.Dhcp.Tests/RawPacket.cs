namespace BareMetal.Dhcp.Tests;

/// <summary>Builds raw message bytes by hand (no use of the writer), so reader tests do not depend on it.</summary>
internal static class RawPacket
{
    /// <summary>A BOOTREQUEST header (xid 0x01020304, chaddr 52:54:00:12:34:56), the cookie, then <paramref name="options"/> verbatim.</summary>
    public static byte[] Request(params byte[] options) => Build(1, options);

    public static byte[] Build(byte op, byte[] options, byte[]? sname = null, byte[]? file = null)
    {
        var packet = new byte[240 + options.Length];
        packet[0] = op;
        packet[1] = 1;
        packet[2] = 6;
        packet[4] = 0x01;
        packet[5] = 0x02;
        packet[6] = 0x03;
        packet[7] = 0x04;
        new byte[] { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }.CopyTo(packet, 28);
        sname?.CopyTo(packet, 44);
        file?.CopyTo(packet, 108);
        new byte[] { 99, 130, 83, 99 }.CopyTo(packet, 236);
        options.CopyTo(packet, 240);
        return packet;
    }
}
