namespace BareMetal.NetbootHost.Configuration;

/// <summary>
/// Everything the host is told at start, bound from the "Netboot" section: appsettings.json, then
/// environment variables (Netboot__HttpPort=8080), then the command line (--http-port 8080), the last winning.
/// </summary>
internal sealed class NetbootOptions
{
    public const string Section = "Netboot";

    /// <summary>Network interface DHCP and TFTP serve on (--interface).</summary>
    public string? Interface { get; set; }

    /// <summary>The host's IPv4 address on that interface, optionally with /prefix (--address).</summary>
    public string? Address { get; set; }

    /// <summary>Dynamic pool FIRST-LAST for full DHCP (--dhcp-range).</summary>
    public string? DhcpRange { get; set; }

    /// <summary>Default gateway for full DHCP, option 3 (--router).</summary>
    public string? Router { get; set; }

    /// <summary>DNS servers for full DHCP, comma-separated, option 6 (--dns).</summary>
    public string? Dns { get; set; }

    /// <summary>Domain name for full DHCP, options 15 and 119 (--domain).</summary>
    public string? Domain { get; set; }

    /// <summary>NTP servers for full DHCP, comma-separated, option 42 (--ntp).</summary>
    public string? Ntp { get; set; }

    /// <summary>Host configuration file with DHCP subnets (--config).</summary>
    public string? Config { get; set; }

    /// <summary>Answer only boot requests beside another DHCP server (--proxy-dhcp).</summary>
    public bool ProxyDhcp { get; set; }

    /// <summary>Comma-separated list of dhcp, tftp, http (--services).</summary>
    public string Services { get; set; } = "dhcp,tftp,http";

    /// <summary>Folder served over TFTP (--tftp-root).</summary>
    public string? TftpRoot { get; set; }

    /// <summary>Folder served at /images/ (--images).</summary>
    public string? Images { get; set; }

    /// <summary>HTTP port for scripts, images, API and live page (--http-port).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>Inventory file, YAML or JSON (--inventory).</summary>
    public string? Inventory { get; set; }

    /// <summary>State folder: SQLite database, lease journal, generated admin token (--data).</summary>
    public string? Data { get; set; }

    /// <summary>Bearer token for writes and reads of all machines (--admin-token).</summary>
    public string? AdminToken { get; set; }

    /// <summary>Lease time in seconds for full DHCP (--lease-time).</summary>
    public int LeaseTimeSeconds { get; set; } = 3600;

    /// <summary>Answer DHCP only for machines listed in the inventory (--known-only).</summary>
    public bool KnownMachinesOnly { get; set; }

    /// <summary>Also listen for HTTP on 127.0.0.1 (--http-loopback, on by default).</summary>
    public bool HttpLoopback { get; set; } = true;
}
