namespace BareMetal.Host.Tests.Infrastructure;

/// <summary>The machines of the tests' inventory; each test uses its own so that tests do not meet.</summary>
public static class TestMachines
{
    public const string ScriptMac = "52:54:00:00:01:01";
    public const string AgentMac = "52:54:00:00:01:02";
    public const string FailMac = "52:54:00:00:01:03";
    public const string ReservedMac = "52:54:00:00:01:04";
    public const string PlainMac = "52:54:00:00:01:05";
    public const string ReservedIp = "192.0.2.50";

    /// <summary>The inventory; <paramref name="reservedIp"/> replaces <see cref="ReservedIp"/> for a host serving another subnet.</summary>
    public static string Inventory(string diskSha256, string reservedIp = ReservedIp) => $$"""
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
            ip: {{reservedIp}}
            profile: debian-live
          - mac: {{PlainMac}}
            hostname: node-plain
            profile: debian-live
        """;
}
