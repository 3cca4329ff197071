namespace BareMetal.LabAgent.Actions.Partitioning;

/// <summary>
/// CRC-32 as the UEFI specification uses it for GPT headers and entry arrays (UEFI 2.10 §5.3.2: "the CRC32 is
/// computed using the standard CCITT32 CRC algorithm with a seed polynomial value of 0x04c11db7"): the reflected
/// form, polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF — the same CRC as zlib's crc32() and Ethernet.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The checksum, e.g. 0xCBF43926 for "123456789".</returns>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
