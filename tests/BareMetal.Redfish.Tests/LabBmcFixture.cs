namespace BareMetal.Redfish.Tests;

/// <summary>One emulator for a test class (starting one costs about a second).</summary>
public sealed class LabBmcFixture : IAsyncLifetime
{
    public LabBmc Bmc { get; private set; } = null!;

    public async Task InitializeAsync() => Bmc = await LabBmc.StartAsync();

    public async Task DisposeAsync() => await Bmc.DisposeAsync();
}
