using System.Security.Cryptography;

namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>One lab, one layout and one running host, shared by the tests of a class.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    /// <summary>Machines of <see cref="Inventory"/>; each test uses its own so that tests do not meet.</summary>
    public const string ScriptMac = "52:54:00:00:01:01";
    public const string AgentMac = "52:54:00:00:01:02";
    public const string FailMac = "52:54:00:00:01:03";
    public const string ReservedMac = "52:54:00:00:01:04";
    public const string PlainMac = "52:54:00:00:01:05";
    public const string ReservedIp = "192.0.2.50";

    internal NetworkLab Lab { get; private set; } = null!;

    internal HostLayout Layout { get; private set; } = null!;

    internal HostProcess Host { get; private set; } = null!;

    public byte[] Kernel { get; private set; } = [];

    public byte[] Disk { get; private set; } = [];

    public byte[] Undionly { get; private set; } = [];

    public string DiskSha256 => Convert.ToHexStringLower(SHA256.HashData(Disk));

    public static string Inventory(string diskSha256) => $$"""
        # inventory used by the host tests
        profiles:
          - name: debian-live
            kernel: vmlinuz
            initrds: [initrd.gz]
            cmdline: console=ttyS0 quiet
        machines:
          - mac: {{ScriptMac}}
            hostname: node-script
            profile: debian-live
            workflow:
              - stream-image: { image: disk.raw.gz, target: /dev/vda, sha256: {{diskSha256}} }
              - report: installed
          - mac: {{AgentMac}}
            hostname: node-agent
            profile: debian-live
            local-boot: { efi-volume: BAREMETAL }
            workflow:
              - stream-image: { image: disk.raw.gz, target: /dev/vda, sha256: {{diskSha256}} }
              - report: installed
          - mac: {{FailMac}}
            hostname: node-fail
            profile: debian-live
            workflow:
              - stream-image: { image: disk.raw.gz, target: /dev/vda }
          - mac: {{ReservedMac}}
            hostname: node-reserved
            ip: {{ReservedIp}}
            profile: debian-live
          - mac: {{PlainMac}}
            hostname: node-plain
            profile: debian-live
        """;

    public async Task InitializeAsync()
    {
        Assert.True(NetworkLab.IsRoot, "the host tests create network namespaces and need root (CI runs as root)");
        Layout = new HostLayout();
        Kernel = HostLayout.WriteFile(Path.Combine(Layout.Images, "vmlinuz"), 300_000, 1);
        HostLayout.WriteFile(Path.Combine(Layout.Images, "initrd.gz"), 120_000, 2);
        Disk = HostLayout.WriteFile(Path.Combine(Layout.Images, "disk.raw.gz"), 2_000_000, 3);
        Undionly = HostLayout.WriteFile(Path.Combine(Layout.TftpRoot, "undionly.kpxe"), 70_000, 4);
        HostLayout.WriteFile(Path.Combine(Layout.TftpRoot, "snponly.efi"), 200_000, 5);
        Layout.WriteInventory(Inventory(DiskSha256));
        Lab = await NetworkLab.CreateAsync();
        Host = await HostProcess.StartAsync(Lab, HostProcess.CommandLine(Lab, Layout, HostServices.All));
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
