using BareMetal.Dhcp6.Server.Engine;
using BareMetal.Dhcp6.Server.Leases;
using BareMetal.Dhcp6.Server.Tests.Support;
using static BareMetal.Dhcp6.Server.Tests.Support.EngineHarness;

namespace BareMetal.Dhcp6.Server.Tests.Engine;

/// <summary>RFC 8415 §16 validation, rapid commit, Confirm and Information-Request; every ignore has its reason.</summary>
public class RulesTests
{
    private static readonly byte[] Duid = ClientMessage.DuidLl("52:54:00:24:00:42");

    [Theory]
    [InlineData("")]
    [InlineData("0012")]
    [InlineData("00123456")]
    public void Malformed_Ignored(string hex) =>
        Assert.Equal(Dhcp6IgnoreReason.Malformed, new EngineHarness().Send(Convert.FromHexString(hex)).Result.IgnoreReason);

    [Fact]
    public void Advertise_CapturedFromKea_NotAClientMessage() =>
        Assert.Equal(Dhcp6IgnoreReason.NotAClientMessage, new EngineHarness().Send(CapturedFrame("dhcp6-uefi-edk2-pxe.pcap", 2)).Result.IgnoreReason);

    [Fact]
    public void RelayReply_CapturedFromKea_NotAClientMessage() =>
        Assert.Equal(Dhcp6IgnoreReason.NotAClientMessage, new EngineHarness().Send(CapturedFrame("dhcp6-perfdhcp-relay-kea.pcap", 2), port: 547).Result.IgnoreReason);

    [Fact]
    public void Solicit_WithoutClientId_MissingClientId() =>
        Assert.Equal(Dhcp6IgnoreReason.MissingClientId, new EngineHarness().Send(new ClientMessage(Dhcp6MessageType.Solicit).IaNa(1).Build()).Result.IgnoreReason);

    [Fact]
    public void Solicit_WithServerId_UnexpectedServerId()
    {
        var harness = new EngineHarness();
        Assert.Equal(Dhcp6IgnoreReason.UnexpectedServerId, harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).ServerId(harness.ServerDuid).Build()).Result.IgnoreReason);
    }

    [Theory]
    [InlineData(Dhcp6MessageType.Request)]
    [InlineData(Dhcp6MessageType.Renew)]
    [InlineData(Dhcp6MessageType.Release)]
    [InlineData(Dhcp6MessageType.Decline)]
    public void WithoutServerId_MissingServerId(Dhcp6MessageType type) =>
        Assert.Equal(Dhcp6IgnoreReason.MissingServerId, new EngineHarness().Send(new ClientMessage(type).ClientId(Duid).IaNa(1).Build()).Result.IgnoreReason);

    [Fact]
    public void Leasequery_UnsupportedMessageType() =>
        Assert.Equal(Dhcp6IgnoreReason.UnsupportedMessageType, new EngineHarness().Send(new ClientMessage((Dhcp6MessageType)14).ClientId(Duid).Build()).Result.IgnoreReason);

    [Fact]
    public void Solicit_OnUnknownInterface_NoSubnet() =>
        Assert.Equal(Dhcp6IgnoreReason.NoSubnet, new EngineHarness().Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1).Build(), iface: "eth9").Result.IgnoreReason);

    [Fact]
    public void Solicit_RapidCommitAllowed_ReplyWithCommittedLease()
    {
        var harness = new EngineHarness(o => o.AllowRapidCommit = true);

        var (result, reply) = harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).RapidCommit().IaNa(1).Build());

        Assert.Equal(Dhcp6MessageType.Reply, result.ReplyType);
        Assert.True(Parse(reply).HasRapidCommit); // RFC 8415 §18.3.1: the Reply carries Rapid Commit
        Assert.Equal(Dhcp6LeaseState.Bound, Assert.Single(harness.Store.Snapshot()).State);
    }

    [Fact]
    public void Solicit_RapidCommitNotAllowed_Advertise()
    {
        var harness = new EngineHarness();

        var (result, reply) = harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).RapidCommit().IaNa(1).Build());

        Assert.Equal(Dhcp6MessageType.Advertise, result.ReplyType);
        Assert.False(Parse(reply).HasRapidCommit);
        Assert.Equal(Dhcp6LeaseState.Offered, Assert.Single(harness.Store.Snapshot()).State);
    }

    [Fact]
    public void Advertise_PreferenceConfigured_Sent()
    {
        var harness = new EngineHarness(o => o.Preference = 255);

        var advertise = Parse(harness.Send(new ClientMessage(Dhcp6MessageType.Solicit).ClientId(Duid).IaNa(1).Build()).Reply);

        Assert.True(advertise.TryGetPreference(out var preference));
        Assert.Equal(255, preference);
    }

    [Theory]
    [InlineData("2001:db8:24::1234", Dhcp6StatusCode.Success)]
    [InlineData("2001:db8:77::1", Dhcp6StatusCode.NotOnLink)]
    public void Confirm_AddressOnOrOffLink(string address, Dhcp6StatusCode expected)
    {
        var reply = Parse(new EngineHarness().Send(new ClientMessage(Dhcp6MessageType.Confirm).ClientId(Duid).IaNa(1, address).Build()).Reply);

        Assert.True(reply.TryGetStatusCode(out var status, out _));
        Assert.Equal(expected, status);
    }

    [Fact]
    public void Confirm_WithoutAddresses_NothingToConfirm() =>
        Assert.Equal(Dhcp6IgnoreReason.NothingToConfirm, new EngineHarness().Send(new ClientMessage(Dhcp6MessageType.Confirm).ClientId(Duid).IaNa(1).Build()).Result.IgnoreReason);

    [Fact]
    public void InformationRequest_WithoutClientId_ReplyWithDnsAndSearchListOnly()
    {
        var harness = new EngineHarness();

        var (result, bytes) = harness.Send(new ClientMessage(Dhcp6MessageType.InformationRequest).Oro(Dhcp6OptionCode.DnsServers, Dhcp6OptionCode.DomainSearchList).Build());

        Assert.Equal(Dhcp6MessageType.Reply, result.ReplyType);
        var reply = Parse(bytes);
        Assert.True(reply.TryGetDnsServers(out _));
        Assert.True(reply.TryGetDomainSearchList(out var names));
        Assert.Equal(Convert.FromHexString("036c6162076578616d706c6500"), names.ToArray());
        Assert.False(reply.HasOption(Dhcp6OptionCode.IaNa));
        Assert.Empty(harness.Store.Snapshot());
    }

    [Fact]
    public void Options_Invalid_ExceptionNamesEveryField()
    {
        var thrown = Assert.Throws<ArgumentException>(() => new EngineHarness(o =>
        {
            o.Subnets[0].RangeLast = "2001:db8:25::1";
            o.Subnets[1].Prefix = "2001:db8:24:2::/96";
            o.Reservations.Add(new() { MacAddress = "nope", Address = "2001:db8:24::50" });
        }));

        Assert.Contains("Subnets[0].RangeFirst/RangeLast", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Subnets[1].Prefix", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Reservations[0]", thrown.Message, StringComparison.Ordinal);
    }
}
