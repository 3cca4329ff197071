using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Leases;

namespace BareMetal.Dhcp.Server.Tests.Leases;

public sealed class JournalLeaseStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bmds-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static DhcpLease Lease(int i, DhcpLeaseState state = DhcpLeaseState.Bound) =>
        new(DhcpClientKey.FromHardwareAddress(1, [0x52, 0x54, 0, 0, (byte)(i >> 8), (byte)i]),
            new Ipv4Address(0xC0000200u + (uint)i), new MacAddress(0x525400000000UL + (ulong)i), state, 1_800_000_000_000 + i);

    private string JournalPath => Path.Combine(_directory, JournalLeaseStore.FileName);

    private void Write(int count)
    {
        using var store = new JournalLeaseStore(_directory);
        for (var i = 1; i <= count; i++)
        {
            store.Save(Lease(i), durable: true);
        }

        store.Flush();
    }

    [Fact]
    public void Reopen_AfterFlush_RestoresEveryLease()
    {
        Write(10);

        using var store = new JournalLeaseStore(_directory);

        Assert.Equal(10, store.Count);
        Assert.Equal(LeaseJournalDamage.None, store.Recovery.Damage);
        var lease = store.FindByAddress(new Ipv4Address(0xC0000205u));
        Assert.NotNull(lease);
        Assert.Equal(DhcpLeaseState.Bound, lease.State);
        Assert.Equal(new MacAddress(0x525400000005UL), lease.MacAddress);
        Assert.Equal(1_800_000_000_005, lease.ExpiresAtUnixMilliseconds);
        Assert.Same(lease, store.FindByClient(lease.Client));
    }

    [Fact]
    public void Reopen_WithoutDispose_KeepsEveryFlushedLease()
    {
        // What a kill -9 leaves: flushed records are in the file, the process never closed it.
        var crashed = new JournalLeaseStore(_directory);
        for (var i = 1; i <= 5; i++)
        {
            crashed.Save(Lease(i), durable: true);
            crashed.Flush();
        }

        using var store = new JournalLeaseStore(_directory);

        Assert.Equal(5, store.Count);
        GC.KeepAlive(crashed);
    }

    [Fact]
    public void Reopen_OffersAreNotJournaled()
    {
        using (var store = new JournalLeaseStore(_directory))
        {
            store.Save(Lease(1, DhcpLeaseState.Offered), durable: false);
            store.Save(Lease(2), durable: true);
            store.Flush();
        }

        using var reopened = new JournalLeaseStore(_directory);

        Assert.Equal(1, reopened.Count);
        Assert.Null(reopened.FindByAddress(new Ipv4Address(0xC0000201u)));
    }

    [Fact]
    public void Reopen_LaterRecordsWin()
    {
        using (var store = new JournalLeaseStore(_directory))
        {
            var lease = Lease(1);
            store.Save(lease, durable: true);
            lease.State = DhcpLeaseState.Released;
            store.Save(lease, durable: true);
            var taker = new DhcpLease(DhcpClientKey.FromHardwareAddress(1, [9, 9, 9, 9, 9, 9]), lease.Address, default, DhcpLeaseState.Bound, 5);
            store.Save(taker, durable: true);
            store.Flush();
        }

        using var reopened = new JournalLeaseStore(_directory);

        Assert.Equal(1, reopened.Count);
        Assert.Null(reopened.FindByClient(Lease(1).Client));
        Assert.Equal(5, reopened.FindByAddress(Lease(1).Address)!.ExpiresAtUnixMilliseconds);
    }

    [Fact]
    public void Reopen_TornLastRecord_RecoversAllBeforeItAndTruncates()
    {
        Write(10);
        var length = new FileInfo(JournalPath).Length;
        using (var file = File.OpenWrite(JournalPath))
        {
            file.SetLength(length - 20);
        }

        using (var store = new JournalLeaseStore(_directory))
        {
            Assert.Equal(9, store.Count);
            Assert.Equal(LeaseJournalDamage.TruncatedRecord, store.Recovery.Damage);
            Assert.Equal(9, store.Recovery.RecordsRead);
            Assert.Equal(LeaseJournalFormat.RecordLength - 20, store.Recovery.BytesDiscarded);
            store.Save(Lease(11), durable: true);
            store.Flush();
        }

        using var reopened = new JournalLeaseStore(_directory);
        Assert.Equal(10, reopened.Count);
        Assert.Equal(LeaseJournalDamage.None, reopened.Recovery.Damage);
    }

    [Fact]
    public void Reopen_CorruptByteInMiddle_StopsAtThatRecordWithChecksumMismatch()
    {
        Write(10);
        var bytes = File.ReadAllBytes(JournalPath);
        var fifth = LeaseJournalFormat.HeaderLength + (4 * LeaseJournalFormat.RecordLength);
        bytes[fifth + 20] ^= 0xFF;
        File.WriteAllBytes(JournalPath, bytes);

        using var store = new JournalLeaseStore(_directory);

        Assert.Equal(4, store.Count);
        Assert.Equal(LeaseJournalDamage.ChecksumMismatch, store.Recovery.Damage);
        Assert.Equal(fifth, store.Recovery.DamageOffset);
        Assert.Equal(fifth, new FileInfo(JournalPath).Length);
    }

    [Fact]
    public void Reopen_GarbageLengthField_BadRecordLength()
    {
        Write(3);
        var bytes = File.ReadAllBytes(JournalPath);
        bytes[LeaseJournalFormat.HeaderLength + LeaseJournalFormat.RecordLength] = 0xEE;
        File.WriteAllBytes(JournalPath, bytes);

        using var store = new JournalLeaseStore(_directory);

        Assert.Equal(1, store.Count);
        Assert.Equal(LeaseJournalDamage.BadRecordLength, store.Recovery.Damage);
    }

    [Fact]
    public void Reopen_NotAJournal_SetAsideAndStartsEmpty()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(JournalPath, "this is not a lease journal");

        using (var store = new JournalLeaseStore(_directory))
        {
            Assert.Equal(0, store.Count);
            Assert.Equal(LeaseJournalDamage.BadHeader, store.Recovery.Damage);
            store.Save(Lease(1), durable: true);
            store.Flush();
        }

        Assert.Single(Directory.GetFiles(_directory, JournalLeaseStore.FileName + ".damaged-*"));
        using var reopened = new JournalLeaseStore(_directory);
        Assert.Equal(1, reopened.Count);
    }

    [Fact]
    public void Compact_ManyUpdates_ShrinksFileAndKeepsLatestState()
    {
        using (var store = new JournalLeaseStore(_directory))
        {
            var lease = Lease(1);
            store.Save(Lease(2), durable: true);
            for (var i = 0; i < 1000; i++)
            {
                lease.ExpiresAtUnixMilliseconds = i;
                store.Save(lease, durable: true);
            }

            store.Flush();
            Assert.Equal(1001, store.RecordsInFile);

            store.Compact();

            Assert.Equal(2, store.RecordsInFile);
            Assert.Equal(LeaseJournalFormat.HeaderLength + (2 * LeaseJournalFormat.RecordLength), new FileInfo(JournalPath).Length);
            store.Save(Lease(3), durable: true);
            store.Flush();
        }

        using var reopened = new JournalLeaseStore(_directory);
        Assert.Equal(3, reopened.Count);
        Assert.Equal(999, reopened.FindByClient(Lease(1).Client)!.ExpiresAtUnixMilliseconds);
    }

    [Fact]
    public void Flush_AutomaticCompaction_WhenJournalGrowsFarBeyondLiveLeases()
    {
        using var store = new JournalLeaseStore(_directory, LeaseJournalSyncMode.None);
        var lease = Lease(1);
        for (var i = 0; i < 20_000; i++)
        {
            lease.ExpiresAtUnixMilliseconds = i;
            store.Save(lease, durable: true);
            if (i % 1000 == 999)
            {
                store.Flush();
            }
        }

        Assert.True(store.RecordsInFile < 16_384, $"journal holds {store.RecordsInFile} records");
    }

    [Fact]
    public void HasUnflushedChanges_TrueUntilFlush()
    {
        using var store = new JournalLeaseStore(_directory);
        Assert.False(store.HasUnflushedChanges);

        store.Save(Lease(1), durable: true);
        Assert.True(store.HasUnflushedChanges);

        store.Flush();
        Assert.False(store.HasUnflushedChanges);
    }
}
