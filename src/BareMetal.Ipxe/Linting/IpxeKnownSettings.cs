using System.Collections.Frozen;

namespace BareMetal.Ipxe;

/// <summary>Settings and setting types iPXE defines itself (every <c>__setting(...)</c> and <c>setting_type_*</c> in iPXE master 0ab2277c40f1de56c736b9e7db7ee23d52509ec5).</summary>
public static class IpxeKnownSettings
{
    /// <summary>Predefined setting names (DHCP-derived such as <c>filename</c>, and built-in such as <c>buildarch</c>, <c>platform</c>).</summary>
    public static FrozenSet<string> Names { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "active-scan", "asset", "board-serial", "buildarch", "busid", "busloc", "bustype", "cert", "chip", "cpumodel",
        "cpuvendor", "crosscert", "cwduri", "cwuri", "dhcp-server", "dmesg", "dns", "dns6", "dnssl", "domain", "errno",
        "filename", "gateway", "gateway6", "gid", "hostname", "hwaddr", "ifname", "initiator-iqn", "ip", "ip6", "keep-san",
        "key", "keymap", "len6", "linktype", "mac", "manufacturer", "memsize", "mtu", "netmask", "next-server", "ntp",
        "password", "peerdist", "peerhost", "platform", "priority", "privkey", "product", "reverse-password",
        "reverse-username", "root-path", "san-drive", "san-filename", "san-retries", "scriptlet", "serial",
        "skip-san-boot", "ssid", "static-routes", "syslog", "syslog6", "syslogs", "sysmac", "trust", "uid", "unixtime",
        "user-class", "username", "uuid", "vendor-class", "version", "vram");

    /// <summary>Setting type names usable as <c>${name:type}</c>.</summary>
    public static FrozenSet<string> Types { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "string", "uristring", "ipv4", "ipv6", "hex", "hexhyp", "hexraw", "base64", "uuid", "guid", "busdevfn", "dnssl",
        "int8", "int16", "int32", "uint8", "uint16", "uint32");
}
