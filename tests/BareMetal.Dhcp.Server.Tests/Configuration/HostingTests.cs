using BareMetal.Dhcp.Server.Configuration;
using BareMetal.Dhcp.Server.Engine;
using BareMetal.Dhcp.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BareMetal.Dhcp.Server.Tests.Configuration;

/// <summary>The hosting idiom (docs/hosting.md): options validated once, at start, and the engine built from that check.</summary>
public class HostingTests
{
    [Fact]
    public void Validator_KeepsWhatItCompiled_SoTheEngineDoesNotParseAgain()
    {
        var validator = new DhcpServerOptionsValidator();
        var options = EngineHarness.DefaultOptions();

        Assert.True(validator.Validate(Options.DefaultName, options).Succeeded);

        Assert.Same(validator.Compiled(options), validator.Compiled(options));
    }

    [Fact]
    public void Validator_CompiledWithoutValidation_ThrowsTheValidationErrors()
    {
        var options = EngineHarness.DefaultOptions();
        options.Subnets[0].Pools[0] = "192.0.2.10-192.0.2.300";

        var error = Assert.Throws<OptionsValidationException>(() => new DhcpServerOptionsValidator().Compiled(options));

        Assert.Contains("Subnets[0].Pools[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDhcpServer_RegistersOneValidator_AndBuildsTheEngineFromItsCompilation()
    {
        var services = new ServiceCollection();
        services.AddDhcpServer(o =>
        {
            var defaults = EngineHarness.DefaultOptions();
            o.MaxPacketsPerClientPerSecond = defaults.MaxPacketsPerClientPerSecond;
            foreach (var item in defaults.Interfaces)
            {
                o.Interfaces.Add(item);
            }

            foreach (var subnet in defaults.Subnets)
            {
                o.Subnets.Add(subnet);
            }
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DhcpServerOptions>>().Value;
        var validator = Assert.Single(provider.GetServices<IValidateOptions<DhcpServerOptions>>());
        using var engine = provider.GetRequiredService<DhcpServerEngine>();

        Assert.Same(provider.GetRequiredService<DhcpServerOptionsValidator>(), validator);
        Assert.Same(provider.GetRequiredService<DhcpServerOptionsValidator>().Compiled(options), provider.GetRequiredService<DhcpServerOptionsValidator>().Compiled(options));
        Assert.Equal(1, engine.InterfaceCount);
    }
}
