using BareMetal.Testing;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>
/// One lab, one layout and one running host process in the lab's server namespace, shared by the tests of
/// <see cref="SharedHost"/>: the tests that need real DHCP and TFTP traffic. They are interop tests; without root
/// they skip, and this fixture builds nothing.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    internal NetworkLab Lab { get; private set; } = null!;

    internal HostLayout Layout { get; private set; } = null!;

    internal HostProcess Host { get; private set; } = null!;

    internal HostFiles Files { get; private set; } = null!;

    public byte[] Undionly => Files.Undionly;

    public string DiskSha256 => Files.DiskSha256;

    public async Task InitializeAsync()
    {
        if (!InteropTest.CanRun)
        {
            return;
        }

        Layout = new HostLayout();
        Files = HostFiles.Write(Layout);
        Lab = await NetworkLab.CreateAsync();
        Host = await HostProcess.StartAsync(Lab, HostProcess.CommandLine(Lab, Layout, HostServices.All,
            "--router", "192.0.2.1", "--dns", "192.0.2.53,192.0.2.54", "--domain", "lab.example.test", "--ntp", "192.0.2.123"));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }

        Layout?.Dispose();
    }
}

/// <summary>The services the tests start: every one the host wires in.</summary>
internal static class HostServices
{
    public const string All = "dhcp,tftp,http";
}
