namespace BareMetal.Tftp.Tests.Codec;

/// <summary>Builds raw packets from readable pieces: strings become ASCII followed by NUL.</summary>
internal static class Packets
{
    public static byte[] Of(ushort opcode, params object[] parts)
    {
        var bytes = new List<byte> { (byte)(opcode >> 8), (byte)opcode };
        foreach (var part in parts)
        {
            switch (part)
            {
                case string text:
                    bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(text));
                    bytes.Add(0);
                    break;
                case ushort number:
                    bytes.Add((byte)(number >> 8));
                    bytes.Add((byte)number);
                    break;
                case byte[] raw:
                    bytes.AddRange(raw);
                    break;
                default:
                    throw new ArgumentException("unsupported part " + part);
            }
        }

        return [.. bytes];
    }
}
