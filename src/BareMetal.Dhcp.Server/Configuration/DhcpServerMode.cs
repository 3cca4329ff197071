namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>What the server does on one interface.</summary>
public enum DhcpServerMode
{
    /// <summary>A full DHCP server (RFC 2131): hands out addresses from the subnet's pools and boot options.</summary>
    Full = 0,

    /// <summary>
    /// proxyDHCP (PXE specification 2.1, §2.2.5): another DHCP server hands out addresses; this server answers only
    /// PXE boot requests, without an address, on port 67 and on the PXE boot server port 4011.
    /// </summary>
    Proxy = 1,
}
