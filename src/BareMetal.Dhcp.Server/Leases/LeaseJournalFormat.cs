using System.Buffers.Binary;
using System.Numerics;

namespace BareMetal.Dhcp.Server.Leases;

/// <summary>
/// The lease journal's on-disk format: a header, then fixed-size records, each with its own length and checksum so
/// recovery can stop exactly at the first torn or damaged record.
/// <code>
/// header (8 bytes)            record (68 bytes)
/// +------+-----+-----+        +--------+---------+---------------------------------------------------+
/// | BMLJ | ver | len |        | len=62 | CRC-32C | kind state address expires   mac   client key    |
/// |  4   |  2  |  2  |        |   2    |    4    |  1     1     4       8       6       42          |
/// +------+-----+-----+        +--------+---------+---------------------------------------------------+
/// </code>
/// Integers are big-endian except the two record-frame fields (little-endian, like the header's). The CRC covers the
/// 62 payload bytes.
/// </summary>
internal static class LeaseJournalFormat
{
    public const int HeaderLength = 8;
    public const int PayloadLength = 62;
    public const int RecordLength = 6 + PayloadLength;
    public const ushort Version = 1;
    public const byte KindUpsert = 1;
    public const byte KindRemove = 2;

    private static ReadOnlySpan<byte> Magic => "BMLJ"u8;

    public static void WriteHeader(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], PayloadLength);
    }

    public static bool IsValidHeader(ReadOnlySpan<byte> source) =>
        source.Length >= HeaderLength
        && source[..4].SequenceEqual(Magic)
        && BinaryPrimitives.ReadUInt16LittleEndian(source[4..]) == Version
        && BinaryPrimitives.ReadUInt16LittleEndian(source[6..]) == PayloadLength;

    public static void WriteRecord(Span<byte> destination, byte kind, DhcpLease lease)
    {
        var payload = destination.Slice(6, PayloadLength);
        payload[0] = kind;
        payload[1] = (byte)lease.State;
        lease.Address.WriteTo(payload[2..]);
        BinaryPrimitives.WriteInt64BigEndian(payload[6..], lease.ExpiresAtUnixMilliseconds);
        lease.MacAddress.WriteTo(payload[14..]);
        lease.Client.WriteTo(payload[20..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[2..], Crc32C(payload));
    }

    /// <summary>Reads one record at the start of <paramref name="source"/>; never throws.</summary>
    public static LeaseJournalDamage TryReadRecord(ReadOnlySpan<byte> source, out byte kind, out DhcpLease? lease)
    {
        kind = 0;
        lease = null;
        if (source.Length < 6)
        {
            return LeaseJournalDamage.TruncatedRecord;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(source) != PayloadLength)
        {
            return LeaseJournalDamage.BadRecordLength;
        }

        if (source.Length < RecordLength)
        {
            return LeaseJournalDamage.TruncatedRecord;
        }

        var payload = source.Slice(6, PayloadLength);
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[2..]) != Crc32C(payload))
        {
            return LeaseJournalDamage.ChecksumMismatch;
        }

        kind = payload[0];
        var state = (DhcpLeaseState)payload[1];
        if (kind is not (KindUpsert or KindRemove)
            || state is < DhcpLeaseState.Offered or > DhcpLeaseState.Expired
            || !DhcpClientKey.TryRead(payload[20..], out var client))
        {
            return LeaseJournalDamage.UnknownRecordContent;
        }

        lease = new DhcpLease(
            client,
            Ipv4Address.Read(payload[2..]),
            MacAddress.Read(payload[14..]),
            state,
            BinaryPrimitives.ReadInt64BigEndian(payload[6..]));
        return LeaseJournalDamage.None;
    }

    public static uint Crc32C(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        while (bytes.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }

        foreach (var b in bytes)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
