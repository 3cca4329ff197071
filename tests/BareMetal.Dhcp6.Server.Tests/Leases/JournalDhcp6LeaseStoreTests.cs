using BareMetal.Dhcp6.Server.Leases;
using BareMetal.Dhcp6.Server.Tests.Support;

namespace BareMetal.Dhcp6.Server.Tests.Leases;

public sealed class JournalDhcp6LeaseStoreTests : IDisposable
{
    private static readonly Dhcp6LeaseKey Client = new("00030001525400240042", 5);
    private readonly string _directory = Directory.CreateTempSubdirectory("bm24-journal-").FullName;

    private string JournalPath => Path.Combine(_directory, "dhcp6-leases.journal");

    [Fact]
    public void SaveAndRemove_Reopened_SameLeases()
    {
        var kept = new Dhcp6Lease(Client, Ipv6Address.Parse("2001:db8:24::100"), Dhcp6LeaseState.Bound, 1_800_000_000_000, MacAddress.Parse("52:54:00:24:00:42"));
        var other = new Dhcp6Lease(Client with { Iaid = 6 }, Ipv6Address.Parse("2001:db8:24::101"), Dhcp6LeaseState.Offered, 1_800_000_000_001, null);
        using (var store = new JournalDhcp6LeaseStore(_directory))
        {
            store.Save(other);
            store.Save(kept with { Address = Ipv6Address.Parse("2001:db8:24::1ff") });
            store.Save(kept); // moved: the old address is free again
            Assert.True(store.Remove(other.Key));
            Assert.True(store.HasUnflushedChanges);
            store.Flush();
            Assert.False(store.HasUnflushedChanges);
        }

        using var reopened = new JournalDhcp6LeaseStore(_directory);
        Assert.Equal(kept, Assert.Single(reopened.Snapshot()));
        Assert.False(reopened.TryGetByAddress(Ipv6Address.Parse("2001:db8:24::1ff"), out _));
        Assert.True(reopened.TryGetByAddress(kept.Address, out var byAddress));
        Assert.Equal(kept, byAddress);
    }

    [Fact]
    public void TornLastLine_Dropped_EarlierChangesKept()
    {
        var lease = new Dhcp6Lease(Client, Ipv6Address.Parse("2001:db8:24::100"), Dhcp6LeaseState.Bound, 1_800_000_000_000, null);
        using (var store = new JournalDhcp6LeaseStore(_directory))
        {
            store.Save(lease);
        }

        // A crash in the middle of appending a removal: no newline at the end.
        File.AppendAllText(JournalPath, "R 0003000152540024");

        using var reopened = new JournalDhcp6LeaseStore(_directory);
        Assert.Equal(lease, Assert.Single(reopened.Snapshot()));
        Assert.DoesNotContain("R 0003", File.ReadAllText(JournalPath), StringComparison.Ordinal); // rewritten without it
    }

    [Fact]
    public void Reopen_CompactsTheJournal()
    {
        using (var store = new JournalDhcp6LeaseStore(_directory))
        {
            for (var i = 0; i < 100; i++)
            {
                store.Save(new Dhcp6Lease(Client, Ipv6Address.Parse("2001:db8:24::100"), Dhcp6LeaseState.Bound, 1_800_000_000_000 + i, null));
            }
        }

        Assert.Equal(100, File.ReadAllLines(JournalPath).Length);
        using var reopened = new JournalDhcp6LeaseStore(_directory);
        Assert.Single(File.ReadAllLines(JournalPath));
    }

    [Fact]
    public void Engine_RestartedOnJournal_RenewFindsTheBinding()
    {
        var duid = ClientMessage.DuidLl("52:54:00:24:00:42");
        Ipv6Address address;
        using (var store = new JournalDhcp6LeaseStore(_directory))
        {
            var harness = new EngineHarness(store: store);
            var (result, reply) = harness.Send(new ClientMessage(Dhcp6MessageType.Request).ClientId(duid).ServerId(harness.ServerDuid).IaNa(5).Build());
            Assert.True(result.RequiresFlush); // the Reply commits a lease: it waits for the disk
            harness.Engine.Flush();
            address = EngineHarness.FirstIaNa(EngineHarness.Parse(reply)).Address!.Value;
        }

        using var reopened = new JournalDhcp6LeaseStore(_directory);
        var restarted = new EngineHarness(store: reopened);
        var renewed = EngineHarness.FirstIaNa(EngineHarness.Parse(restarted.Send(
            new ClientMessage(Dhcp6MessageType.Renew).ClientId(duid).ServerId(restarted.ServerDuid).IaNa(5, address.ToString()).Build()).Reply));

        Assert.Equal(address, renewed.Address);
        Assert.Null(renewed.Status);
        Assert.Equal(4000u, renewed.Valid);
    }

    [Fact]
    public void Advertise_NeverWaitsForTheDisk()
    {
        using var store = new JournalDhcp6LeaseStore(_directory);
        var harness = new EngineHarness(store: store);

        var (result, _) = harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidLl("52:54:00:24:00:42")).IaNa(5).Build());

        Assert.Equal(Dhcp6MessageType.Advertise, result.ReplyType);
        Assert.False(result.RequiresFlush);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
