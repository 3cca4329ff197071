using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Hosting;
using BareMetal.Dhcp.Server.Leases;
using BareMetal.Dhcp.Server.Observability;
using BareMetal.Dhcp.Server.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BareMetal.Dhcp.Server.Tests.Engine;

/// <summary>The expiry sweep: leases whose time ran out are reclaimed in bounded batches and reported once.</summary>
public class ExpiryTests
{
    private const long Hour = 3_600_000;

    [Fact]
    public void SweepExpired_BoundLeasePastItsEnd_BecomesExpiredAndIsReportedOnce()
    {
        var expired = new ExpiryObserver();
        using var h = new EngineHarness();
        using var engine = new DhcpServerEngine(h.Options, h.Store, null, [expired]);
        var address = Bind(engine, h, Mac(1));

        h.Now += Hour - 1;
        Assert.Equal(0, engine.SweepExpired(h.Now, 100));
        h.Now += 1;
        Assert.Equal(1, engine.SweepExpired(h.Now, 100));
        Assert.Equal(0, engine.SweepExpired(h.Now + Hour, 100));

        Assert.Equal(DhcpLeaseState.Expired, h.Store.FindByAddress(address)!.State);
        var e = Assert.Single(expired.Leases);
        Assert.Equal(address, e.Address);
        Assert.Equal(Mac(1), e.MacAddress);
        Assert.Equal(DhcpLeaseState.Expired, e.State);
    }

    [Fact]
    public void SweepExpired_ExpiredAddress_GoesToAnotherClientButItsClientIsPreferred()
    {
        using var h = new EngineHarness(o => o.Subnets[0].Pools[0] = "192.0.2.100-192.0.2.100");
        var address = Bind(h.Engine, h, Mac(1));
        h.Now += Hour;
        h.Engine.SweepExpired(h.Now, 100);

        // The same client comes back first: it gets its old address again (RFC 2131 §4.3.1).
        Assert.Equal(address, h.Send(new ClientPacket(DhcpMessageType.Discover, Mac(1))).YourAddress);
        h.Now += 60_000;
        // Its offer timed out; another client now gets the one pool address.
        h.Engine.SweepExpired(h.Now, 100);
        Assert.Equal(address, Bind(h.Engine, h, Mac(2)));
    }

    [Fact]
    public void SweepExpired_TimedOutOfferAndEndedQuarantine_AreForgottenSilently()
    {
        var expired = new ExpiryObserver();
        using var h = new EngineHarness();
        using var engine = new DhcpServerEngine(h.Options, h.Store, null, [expired]);
        var offered = Send(engine, h, new ClientPacket(DhcpMessageType.Discover, Mac(1))).YourAddress;
        h.Store.Save(new DhcpLease(default, Ipv4Address.Parse("192.0.2.105"), Mac(2), DhcpLeaseState.Declined, h.Now + 1000), durable: true);

        h.Now += 60_000;
        Assert.Equal(2, engine.SweepExpired(h.Now, 100));

        Assert.Null(h.Store.FindByAddress(offered));
        Assert.Null(h.Store.FindByAddress(Ipv4Address.Parse("192.0.2.105")));
        Assert.Empty(expired.Leases);
    }

    [Fact]
    public void SweepExpired_MoreDueThanTheBatch_HandlesAtMostTheBatchPerCall()
    {
        using var h = new EngineHarness();
        for (var i = 1; i <= 5; i++)
        {
            Bind(h.Engine, h, Mac(i));
        }

        h.Now += Hour;
        Assert.Equal(2, h.Engine.SweepExpired(h.Now, 2));
        Assert.Equal(2, h.Engine.SweepExpired(h.Now, 2));
        Assert.Equal(1, h.Engine.SweepExpired(h.Now, 2));
        Assert.Equal(0, h.Engine.SweepExpired(h.Now, 2));
        Assert.All(h.Store.Snapshot(), lease => Assert.Equal(DhcpLeaseState.Expired, lease.State));
    }

    [Fact]
    public async Task LeaseExpirySweeper_OnItsInterval_ReclaimsWithTheInjectedClock()
    {
        var expired = new ExpiryObserver();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        using var h = new EngineHarness(o => o.LeaseSweepBatch = 2);
        h.Now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var engine = new DhcpServerEngine(h.Options, h.Store, null, [expired]);
        for (var i = 1; i <= 3; i++)
        {
            Bind(engine, h, Mac(i));
        }

        using var sweeper = new LeaseExpirySweeper(engine, Options.Create(h.Options), time);
        await sweeper.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(expired.Leases);

        time.Advance(TimeSpan.FromHours(1));
        // Three leases over batches of two, all in one tick.
        await WaitUntil(() => expired.Leases.Count == 3);
        await sweeper.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Journal_ExpiredState_SurvivesAReopen()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bmds-expiry-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = new JournalLeaseStore(directory))
            {
                using var h = new EngineHarness(store: store);
                var address = Bind(h.Engine, h, Mac(1));
                h.Now += Hour;
                h.Engine.SweepExpired(h.Now, 10);
                h.Engine.Flush();
            }

            using var reopened = new JournalLeaseStore(directory);
            Assert.Equal(LeaseJournalDamage.None, reopened.Recovery.Damage);
            Assert.Equal(DhcpLeaseState.Expired, Assert.Single(reopened.Snapshot()).State);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Options_NegativeSweepIntervalOrEmptyBatch_RefusedWithTheFieldAndTheFix()
    {
        var options = EngineHarness.DefaultOptions();
        options.LeaseSweepInterval = TimeSpan.FromSeconds(-1);
        options.LeaseSweepBatch = 0;

        var result = new DhcpServerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("LeaseSweepInterval:", StringComparison.Ordinal) && f.Contains("00:00:10", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("LeaseSweepBatch:", StringComparison.Ordinal));
    }

    private static MacAddress Mac(int i) => new(0x525400000100UL + (ulong)i);

    private static Ipv4Address Bind(DhcpServerEngine engine, EngineHarness h, MacAddress mac)
    {
        var offered = Send(engine, h, new ClientPacket(DhcpMessageType.Discover, mac)).YourAddress;
        var ack = Send(engine, h, new ClientPacket(DhcpMessageType.Request, mac).Requesting(offered).ServerId(EngineHarness.Server));
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        return offered;
    }

    private static EngineHarness.Reply Send(DhcpServerEngine engine, EngineHarness h, ClientPacket packet)
    {
        var reply = new byte[1500];
        var result = engine.Process(packet.Build(), new DhcpPacketContext(0, default, 68, false, h.Now), reply);
        return new EngineHarness.Reply(result, reply[..result.ReplyLength]);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweeper did not act within 10 s of real time");
            await Task.Delay(10);
        }
    }

    private sealed class ExpiryObserver : IDhcpServerObserver
    {
        public List<DhcpLeaseEvent> Leases { get; } = [];

        public void OnLeaseExpired(in DhcpLeaseEvent lease)
        {
            lock (Leases)
            {
                Leases.Add(lease);
            }
        }
    }
}
