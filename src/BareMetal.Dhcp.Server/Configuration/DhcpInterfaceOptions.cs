namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>One network interface the server listens on.</summary>
public sealed class DhcpInterfaceOptions
{
    /// <summary>The interface name (for example <c>eth1</c>); the sockets are bound to it with SO_BINDTODEVICE.</summary>
    public string Name { get; set; } = "";

    /// <summary>This server's IPv4 address on the interface: the server identifier (option 54) and next-server.</summary>
    public string ServerAddress { get; set; } = "";

    /// <summary>Full DHCP or proxyDHCP on this interface. Both modes may run at once on different interfaces.</summary>
    public DhcpServerMode Mode { get; set; } = DhcpServerMode.Full;

    /// <summary>The DHCP server port to bind (67). Tests and benchmarks may pick another one.</summary>
    public int ServerPort { get; set; } = 67;

    /// <summary>The client port replies are sent to (68).</summary>
    public int ClientPort { get; set; } = 68;

    /// <summary>In proxy mode, also answer PXE boot server requests on this port (4011); 0 disables it.</summary>
    public int BootServerPort { get; set; } = 4011;
}
