using System.Buffers.Binary;
using System.Text;

namespace BareMetal.LabAgent.Actions.Partitioning;

/// <summary>One write of a partition table: bytes at a byte offset (always whole sectors).</summary>
/// <param name="Offset">Byte offset on the disk.</param>
/// <param name="Bytes">The sectors to write.</param>
public sealed record SectorWrite(long Offset, byte[] Bytes);

/// <summary>
/// Turns a <see cref="PartitionPlan"/> into the sectors to write: a protective MBR and the primary and backup GPT
/// (UEFI 2.10 §5.3), or a legacy MBR (UEFI 2.10 §5.2.1). Pure: no I/O, so every byte is testable.
/// </summary>
public static class PartitionTableWriter
{
    /// <summary>"EFI PART", the GPT header signature (UEFI 2.10 §5.3.2 Table 5.5).</summary>
    public static ReadOnlySpan<byte> GptSignature => "EFI PART"u8;

    /// <summary>The sectors of the plan's table.</summary>
    /// <param name="plan">The placed layout.</param>
    /// <param name="existingSector0">The disk's first 512 bytes today: the boot code (bytes 0-439) is kept.</param>
    /// <param name="lastSectorIsGptHeader">MBR only: the disk's last sector holds a backup GPT header, to be wiped.</param>
    /// <returns>The writes, in the order they should happen (backup structures before primary ones for GPT).</returns>
    public static IReadOnlyList<SectorWrite> Build(PartitionPlan plan, ReadOnlySpan<byte> existingSector0, bool lastSectorIsGptHeader)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Kind == PartitionTableKind.Gpt ? BuildGpt(plan, existingSector0) : BuildMbr(plan, existingSector0, lastSectorIsGptHeader);
    }

    private static List<SectorWrite> BuildGpt(PartitionPlan plan, ReadOnlySpan<byte> existingSector0)
    {
        var sector = plan.SectorSize;
        var last = plan.TotalSectors - 1;

        // UEFI 2.10 §5.3.3: the entry array, 128 entries of 128 bytes, unused entries all zeros.
        var entries = new byte[plan.GptEntrySectors * sector];
        foreach (var p in plan.Partitions)
        {
            var e = entries.AsSpan((p.Number - 1) * PartitionPlan.GptEntrySize, PartitionPlan.GptEntrySize);
            p.GptType.TryWriteBytes(e[0..16]);                                    // PartitionTypeGUID (mixed-endian, as EFI_GUID)
            p.UniqueGuid.TryWriteBytes(e[16..32]);                                // UniquePartitionGUID
            BinaryPrimitives.WriteInt64LittleEndian(e[32..], p.FirstLba);         // StartingLBA
            BinaryPrimitives.WriteInt64LittleEndian(e[40..], p.LastLba);          // EndingLBA (inclusive)
            BinaryPrimitives.WriteUInt64LittleEndian(e[48..], p.Bootable ? 1UL << 2 : 0); // Attributes: bit 2 Legacy BIOS Bootable (Table 5.8)
            Encoding.Unicode.GetBytes(p.Name, e[56..128]);                        // PartitionName: 36 UTF-16LE code units
        }

        var entriesCrc = Crc32.Compute(entries.AsSpan(0, PartitionPlan.GptEntryCount * PartitionPlan.GptEntrySize));
        var backupEntriesLba = plan.LastUsableLba + 1;
        var primary = GptHeader(plan, myLba: 1, alternateLba: last, entriesLba: 2, entriesCrc);
        var backup = GptHeader(plan, myLba: last, alternateLba: 1, entriesLba: backupEntriesLba, entriesCrc);

        // UEFI 2.10 §5.2.3 Table 5.4: the protective MBR, one record of type 0xEE covering the disk (capped at 2^32-1 sectors).
        var mbr = MbrSector(sector, existingSector0, diskSignature: 0);
        WriteRecord(mbr.AsSpan(446, 16), bootable: false, type: 0xEE, firstLba: 1, sectors: Math.Min(plan.TotalSectors - 1, uint.MaxValue));
        if (plan.TotalSectors - 2 >= 1024L * 255 * 63)
        {
            mbr[446 + 5] = mbr[446 + 6] = mbr[446 + 7] = 0xFF; // EndingCHS "0xFFFFFF if it is not possible to represent the value"
        }

        // Backups first: a crash in between leaves the old primary table intact, not a new primary without its backup.
        return
        [
            new SectorWrite(backupEntriesLba * sector, entries),
            new SectorWrite(last * sector, backup),
            new SectorWrite(2L * sector, entries),
            new SectorWrite(1L * sector, primary),
            new SectorWrite(0, mbr),
        ];
    }

    private static byte[] GptHeader(PartitionPlan plan, long myLba, long alternateLba, long entriesLba, uint entriesCrc)
    {
        // UEFI 2.10 §5.3.2 Table 5.5, GPT Header; the rest of the sector is reserved and zero.
        var h = new byte[plan.SectorSize];
        GptSignature.CopyTo(h);                                                   //  0 Signature
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), 0x00010000);        //  8 Revision 1.0
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(12), 92);               // 12 HeaderSize
                                                                                  // 16 HeaderCRC32, below; 20 Reserved (0)
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(24), myLba);             // 24 MyLBA
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(32), alternateLba);      // 32 AlternateLBA
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(40), plan.FirstUsableLba); // 40 FirstUsableLBA
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(48), plan.LastUsableLba);  // 48 LastUsableLBA
        plan.DiskGuid.TryWriteBytes(h.AsSpan(56, 16));                            // 56 DiskGUID
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(72), entriesLba);        // 72 PartitionEntryLBA
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(80), PartitionPlan.GptEntryCount); // 80 NumberOfPartitionEntries
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(84), PartitionPlan.GptEntrySize);  // 84 SizeOfPartitionEntry
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(88), entriesCrc);       // 88 PartitionEntryArrayCRC32

        // "CRC32 checksum for the GPT Header structure ... computed over HeaderSize bytes, with this field zeroed".
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), Crc32.Compute(h.AsSpan(0, 92)));
        return h;
    }

    private static List<SectorWrite> BuildMbr(PartitionPlan plan, ReadOnlySpan<byte> existingSector0, bool lastSectorIsGptHeader)
    {
        var mbr = MbrSector(plan.SectorSize, existingSector0, plan.DiskSignature);
        foreach (var p in plan.Partitions)
        {
            WriteRecord(mbr.AsSpan(446 + ((p.Number - 1) * 16), 16), p.Bootable, p.MbrType, p.FirstLba, p.Sectors);
        }

        // A GPT left behind would win over the new MBR in every tool (its protective MBR is gone, but libblkid and
        // the kernel still find "EFI PART"): LBA 1 lies in the 1 MiB gap before the first partition, so clearing it is safe.
        var writes = new List<SectorWrite> { new(1L * plan.SectorSize, new byte[plan.SectorSize]) };
        if (lastSectorIsGptHeader)
        {
            writes.Add(new SectorWrite((plan.TotalSectors - 1) * plan.SectorSize, new byte[plan.SectorSize]));
        }

        writes.Add(new SectorWrite(0, mbr));
        return writes;
    }

    /// <summary>
    /// Sector 0 laid out as UEFI 2.10 §5.2.1 Table 5.1 (Legacy MBR): BootCode[440] kept from the disk,
    /// UniqueMBRDiskSignature at 440, Unknown[2] at 444, four 16-byte partition records from 446, 0xAA55 at 510.
    /// </summary>
    private static byte[] MbrSector(int sectorSize, ReadOnlySpan<byte> existingSector0, uint diskSignature)
    {
        var mbr = new byte[sectorSize];
        existingSector0[..Math.Min(440, existingSector0.Length)].CopyTo(mbr);
        BinaryPrimitives.WriteUInt32LittleEndian(mbr.AsSpan(440), diskSignature);
        mbr[510] = 0x55;
        mbr[511] = 0xAA;
        return mbr;
    }

    /// <summary>
    /// A partition record (UEFI 2.10 §5.2.1 Table 5.2): BootIndicator (0x80 active), StartingCHS, OSType, EndingCHS,
    /// StartingLBA, SizeInLBA. The CHS values are computed with the 255-head, 63-sector geometry every BIOS since the
    /// 1990s assumes, and are 1023/254/63 beyond cylinder 1023 (8 GiB), where only the LBA fields count.
    /// </summary>
    private static void WriteRecord(Span<byte> record, bool bootable, byte type, long firstLba, long sectors)
    {
        record[0] = bootable ? (byte)0x80 : (byte)0x00;
        Chs(firstLba, record[1..4]);
        record[4] = type;
        Chs(firstLba + sectors - 1, record[5..8]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)firstLba);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)sectors);
    }

    private static void Chs(long lba, Span<byte> chs)
    {
        const int heads = 255, sectorsPerTrack = 63;
        var cylinder = lba / (heads * sectorsPerTrack);
        if (cylinder > 1023)
        {
            chs[0] = 0xFE;
            chs[1] = 0xFF;
            chs[2] = 0xFF;
            return;
        }

        var head = lba / sectorsPerTrack % heads;
        var sectorNumber = (lba % sectorsPerTrack) + 1;
        chs[0] = (byte)head;
        chs[1] = (byte)(sectorNumber | ((cylinder >> 2) & 0xC0));  // sector in bits 0-5, cylinder bits 8-9 in bits 6-7
        chs[2] = (byte)(cylinder & 0xFF);
    }
}
