namespace BareMetal.Tftp.Transfer;

/// <summary>
/// Maps 16-bit wire block numbers to absolute 64-bit ones. Past block 65535 the wire number rolls over to 0
/// (the convention of tftp-hpa, atftp, curl and EDK2), so files over 32 MiB at blksize 512 still transfer.
/// </summary>
internal static class BlockNumbers
{
    public static ushort ToWire(long absolute) => (ushort)absolute;

    /// <summary>The absolute block at or before <paramref name="reference"/> whose wire number is <paramref name="wire"/>.</summary>
    public static long AtOrBefore(long reference, ushort wire) => reference - (ushort)((ushort)reference - wire);

    /// <summary>The absolute block after <paramref name="reference"/> (up to 32768 ahead) with that wire number.</summary>
    public static long Nearest(long reference, ushort wire)
    {
        var delta = (short)(ushort)(wire - (ushort)reference);
        return reference + delta;
    }
}
