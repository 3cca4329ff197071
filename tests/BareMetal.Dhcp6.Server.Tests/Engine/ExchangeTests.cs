using BareMetal.Dhcp6.Server.Engine;
using BareMetal.Dhcp6.Server.Leases;
using BareMetal.Dhcp6.Server.Tests.Support;
using static BareMetal.Dhcp6.Server.Tests.Support.EngineHarness;

namespace BareMetal.Dhcp6.Server.Tests.Engine;

/// <summary>The four-message exchange and lease life (RFC 8415 §18.3.1-§18.3.2, §18.3.4, §18.3.7).</summary>
public class ExchangeTests
{
    private static readonly byte[] Duid = ClientMessage.DuidLl("52:54:00:24:00:42");

    [Fact]
    public void Solicit_CapturedEdk2Pxe_AdvertisesAddressDnsAndTftpUrl()
    {
        var harness = new EngineHarness();
        var solicit = CapturedFrame("dhcp6-uefi-edk2-pxe.pcap", 1);

        var (result, reply) = harness.Send(solicit);

        Assert.Equal(Dhcp6MessageType.Advertise, result.ReplyType);
        Assert.Equal((ClientLinkLocal, 546), (result.Destination, result.DestinationPort));
        var advertise = Parse(reply);
        Assert.Equal(0x0ce242u, advertise.TransactionId);
        Assert.True(advertise.TryGetServerId(out var serverId));
        Assert.Equal(harness.ServerDuid, serverId.Bytes.ToArray());
        Assert.True(advertise.TryGetClientId(out var clientId));
        Assert.Equal(Dhcp6DuidType.LinkLayerPlusTime, clientId.Type);
        var ia = FirstIaNa(advertise);
        Assert.Equal(923367291u, ia.Iaid);
        Assert.Equal(Ipv6Address.Parse("2001:db8:24::100"), ia.Address);
        Assert.Equal((3000u, 4000u), (ia.Preferred, ia.Valid));
        Assert.Equal("tftp://[2001:db8:24::1]/snponly.efi", BootFileUrl(advertise));
        Assert.True(advertise.TryGetDnsServers(out var dns)); // the Solicit's ORO asks for 23
        Assert.Equal(Ipv6Address.Parse("2001:db8:24::1"), Ipv6Address.Read(dns));
        Assert.False(advertise.TryGetDomainSearchList(out _)); // not requested
        Assert.Equal(Dhcp6LeaseState.Offered, Assert.Single(harness.Store.Snapshot()).State);
    }

    [Fact]
    public void Request_CapturedFromKeaExchange_IgnoredAsOtherServer()
    {
        // The captured Request names Kea's DUID (02:00:00:24:00:01; the harness's is ...:fe): the client chose Kea (RFC 8415 §16.4).
        var harness = new EngineHarness();

        var (result, _) = harness.Send(CapturedFrame("dhcp6-uefi-edk2-pxe.pcap", 7));

        Assert.Equal(Dhcp6IgnoreReason.OtherServer, result.IgnoreReason);
        Assert.Equal(Dhcp6MessageType.Request, result.RequestType);
    }

    [Fact]
    public void SolicitRequestRenewRelease_FullLife()
    {
        var harness = new EngineHarness();
        var advertise = Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit, 1).ClientId(Duid).Elapsed().IaNa(5).Build()).Reply);
        var offered = FirstIaNa(advertise).Address!.Value;

        var (requested, reply) = harness.Send(new ClientMessage(Dhcp6MessageType.Request, 2).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5, offered.ToString()).Build());
        Assert.Equal(Dhcp6MessageType.Reply, requested.ReplyType);
        Assert.Equal(offered, FirstIaNa(Parse(reply)).Address);
        var bound = Assert.Single(harness.Store.Snapshot());
        Assert.Equal(Dhcp6LeaseState.Bound, bound.State);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(4000).ToUnixTimeMilliseconds(), bound.ExpiresUnixMilliseconds);

        harness.Time.Advance(TimeSpan.FromSeconds(1500));
        var renewed = Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Renew, 3).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5, offered.ToString()).Build()).Reply);
        var ia = FirstIaNa(renewed);
        Assert.Equal((offered, 3000u, 4000u), (ia.Address!.Value, ia.Preferred, ia.Valid));
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(4000).ToUnixTimeMilliseconds(), Assert.Single(harness.Store.Snapshot()).ExpiresUnixMilliseconds);

        var released = Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Release, 4).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5, offered.ToString()).Build()).Reply);
        Assert.True(released.TryGetStatusCode(out var status, out _));
        Assert.Equal(Dhcp6StatusCode.Success, status);
        Assert.Empty(harness.Store.Snapshot());
    }

    [Fact]
    public void Solicit_FromClientWithBoundLease_SameAddressLeaseStaysBound()
    {
        var harness = new EngineHarness();
        var bound = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Request).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5).Build()).Reply)).Address;
        var expires = Assert.Single(harness.Store.Snapshot()).ExpiresUnixMilliseconds;

        var offered = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(5).Build()).Reply)).Address;

        Assert.Equal(bound, offered);
        var lease = Assert.Single(harness.Store.Snapshot());
        Assert.Equal((Dhcp6LeaseState.Bound, expires), (lease.State, lease.ExpiresUnixMilliseconds));
    }

    [Fact]
    public void Solicit_TwoClients_GetDifferentAddresses_OfferHeldForTheFirst()
    {
        var harness = new EngineHarness();
        var first = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1).Build()).Reply)).Address;
        var second = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidLl("52:54:00:24:00:43")).IaNa(1).Build()).Reply)).Address;
        var again = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1).Build()).Reply)).Address;

        Assert.NotEqual(first, second);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Solicit_PoolExhausted_IaCarriesNoAddrsAvail()
    {
        var harness = new EngineHarness();
        for (var i = 0; i < 4; i++)
        {
            harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidLl($"52:54:00:00:00:0{i}")).IaNa(1).Build());
        }

        var ia = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(9).Build()).Reply));

        Assert.Null(ia.Address);
        Assert.Equal(Dhcp6StatusCode.NoAddrsAvail, ia.Status);
    }

    [Fact]
    public void Solicit_AfterOfferHoldExpires_AddressGoesToAnotherClient()
    {
        var harness = new EngineHarness();
        for (var i = 0; i < 4; i++)
        {
            harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidLl($"52:54:00:00:00:0{i}")).IaNa(1).Build());
        }

        harness.Time.Advance(TimeSpan.FromSeconds(61));
        var ia = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(9).Build()).Reply));

        Assert.NotNull(ia.Address);
    }

    [Fact]
    public void Renew_UnknownBinding_NoBinding()
    {
        var harness = new EngineHarness();

        var ia = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Renew).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5, "2001:db8:24::102").Build()).Reply));

        // RFC 8415 §18.3.4: the address goes back with lifetimes 0 and the IA says NoBinding.
        Assert.Equal(Dhcp6StatusCode.NoBinding, ia.Status);
        Assert.Equal(Ipv6Address.Parse("2001:db8:24::102"), ia.Address);
        Assert.Equal((0u, 0u), (ia.Preferred, ia.Valid));
    }

    [Fact]
    public void Rebind_UnknownBindingForFreeAddressInRange_TakenOver()
    {
        var harness = new EngineHarness();

        var ia = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Rebind).ClientId(Duid).IaNa(5, "2001:db8:24::102").Build()).Reply));

        Assert.Equal(Ipv6Address.Parse("2001:db8:24::102"), ia.Address);
        Assert.Equal(4000u, ia.Valid);
        Assert.Equal(Dhcp6LeaseState.Bound, Assert.Single(harness.Store.Snapshot()).State);
    }

    [Fact]
    public void Rebind_OffLinkAddress_ZeroLifetimesAndNoBinding()
    {
        var harness = new EngineHarness();

        var ia = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Rebind).ClientId(Duid).IaNa(5, "2001:db8:99::5").Build()).Reply));

        Assert.Equal(Ipv6Address.Parse("2001:db8:99::5"), ia.Address);
        Assert.Equal((0u, 0u), (ia.Preferred, ia.Valid));
        Assert.Equal(Dhcp6StatusCode.NoBinding, ia.Status);
    }

    [Fact]
    public void Decline_AddressParked_NotOfferedToTheNextClient()
    {
        var harness = new EngineHarness();
        var address = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Request).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5).Build()).Reply)).Address!.Value;

        var declined = Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Decline).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5, address.ToString()).Build()).Reply);
        var next = FirstIaNa(Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(ClientMessage.DuidLl("52:54:00:24:00:99")).IaNa(1, address.ToString()).Build()).Reply));

        Assert.True(declined.TryGetStatusCode(out var status, out _));
        Assert.Equal(Dhcp6StatusCode.Success, status);
        Assert.True(harness.Store.TryGetByAddress(address, out var parked));
        Assert.Equal(Dhcp6LeaseState.Declined, parked!.State);
        Assert.NotEqual(address, next.Address); // even though the new client asked for it
    }

    [Fact]
    public void Release_UnknownIa_NoBindingInsideIa()
    {
        var harness = new EngineHarness();

        var reply = Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Release).ClientId(Duid).ServerId(harness.ServerDuid).IaNa(5, "2001:db8:24::100").Build()).Reply);

        Assert.Equal(Dhcp6StatusCode.NoBinding, FirstIaNa(reply).Status);
        Assert.True(reply.TryGetStatusCode(out var status, out _));
        Assert.Equal(Dhcp6StatusCode.Success, status);
    }

    [Fact]
    public void Solicit_IaPdAndIaTa_AnsweredUnavailable()
    {
        var harness = new EngineHarness();

        var reply = Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1).IaPd(2).Build()).Reply);

        var kinds = new List<(Dhcp6OptionCode, Dhcp6StatusCode?)>();
        foreach (var option in reply.GetOptions())
        {
            if (option.TryReadIdentityAssociation(out var ia))
            {
                kinds.Add((ia.Kind, ia.TryGetStatusCode(out var s, out _) ? s : null));
            }
        }

        Assert.Equal([(Dhcp6OptionCode.IaNa, null), (Dhcp6OptionCode.IaPd, Dhcp6StatusCode.NoPrefixAvail)], kinds);
    }
}
