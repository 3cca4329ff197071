using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BareMetal.Dhcp.Server.Tests.Configuration;

public class OptionsValidationTests
{
    private static string Failures(Action<DhcpServerOptions> change)
    {
        var options = EngineHarness.DefaultOptions();
        change(options);
        var result = new DhcpServerOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        return result.FailureMessage;
    }

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new DhcpServerOptionsValidator().Validate(null, EngineHarness.DefaultOptions()).Succeeded);

    [Fact]
    public void Validate_OverlappingPools_NamesBothPools()
    {
        var message = Failures(o => o.Subnets[0].Pools.Add("192.0.2.105-192.0.2.150"));

        Assert.Contains("Subnets[0].Pools[1]", message, StringComparison.Ordinal);
        Assert.Contains("overlaps Subnets[0].Pools[0]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReservationOutsideSubnet_NamesTheReservation()
    {
        var message = Failures(o => o.Subnets[0].Reservations.Add(new() { Mac = "52:54:00:12:34:56", Address = "198.18.0.5" }));

        Assert.Contains("Subnets[0].Reservations[0].Address", message, StringComparison.Ordinal);
        Assert.Contains("outside its subnet", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.0/33", "Subnets[0].Network")]
    [InlineData("192.0.2.1/24", "has host bits set")]
    [InlineData("not-a-subnet", "CIDR")]
    public void Validate_BadNetwork_NamesTheField(string network, string expected) =>
        Assert.Contains(expected, Failures(o => o.Subnets[0].Network = network), StringComparison.Ordinal);

    [Fact]
    public void Validate_PoolOutsideSubnet_Fails() =>
        Assert.Contains("Subnets[0].Pools[0]", Failures(o => o.Subnets[0].Pools[0] = "198.18.0.10-198.18.0.20"), StringComparison.Ordinal);

    [Fact]
    public void Validate_PoolBackwards_Fails() =>
        Assert.Contains("starts after it ends", Failures(o => o.Subnets[0].Pools[0] = "192.0.2.200-192.0.2.100"), StringComparison.Ordinal);

    [Fact]
    public void Validate_FullModeInterfaceWithoutSubnet_SuggestsFix() =>
        Assert.Contains("Mode = Proxy", Failures(o => o.Interfaces[0].ServerAddress = "198.18.0.1"), StringComparison.Ordinal);

    [Fact]
    public void Validate_NoInterfaces_Fails() =>
        Assert.Contains("Interfaces:", Failures(o => o.Interfaces.Clear()), StringComparison.Ordinal);

    [Fact]
    public void Validate_DuplicateReservedAddress_Fails() =>
        Assert.Contains("reserved twice", Failures(o =>
        {
            o.Subnets[0].Reservations.Add(new() { Mac = "52:54:00:00:00:01", Address = "192.0.2.10" });
            o.Subnets[0].Reservations.Add(new() { Mac = "52:54:00:00:00:02", Address = "192.0.2.10" });
        }), StringComparison.Ordinal);

    [Fact]
    public void Validate_BadKnownMac_Fails() =>
        Assert.Contains("KnownMacs[0]", Failures(o => o.KnownMacs.Add("zz:zz")), StringComparison.Ordinal);

    [Fact]
    public void Validate_OverlappingSubnets_Fails() =>
        Assert.Contains("overlaps Subnets[0]", Failures(o => o.Subnets.Add(new DhcpSubnetOptions { Network = "192.0.0.0/16" })), StringComparison.Ordinal);

    [Fact]
    public async Task AddDhcpServer_InvalidOptions_HostFailsAtStartNamingTheField()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDhcpServer(o =>
        {
            o.Interfaces.Add(new DhcpInterfaceOptions { Name = "bmds-none", ServerAddress = "192.0.2.1" });
            o.Subnets.Add(new DhcpSubnetOptions { Network = "192.0.2.0/24" });
            o.Subnets[0].Pools.Add("192.0.2.10-192.0.2.300");
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Subnets[0].Pools[0]", error.Message, StringComparison.Ordinal);
    }
}
