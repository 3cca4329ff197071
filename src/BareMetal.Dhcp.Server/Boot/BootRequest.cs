using BareMetal.Dhcp.Server.Configuration;

namespace BareMetal.Dhcp.Server.Boot;

/// <summary>What the boot policy knows about a network-boot request.</summary>
public readonly struct BootRequest
{
    /// <summary>Creates a request description.</summary>
    /// <param name="client">The classified client (firmware, architecture, UUID, iPXE features).</param>
    /// <param name="serverAddress">This server's address on the interface the request came in on.</param>
    /// <param name="clientAddress">The address the client gets or has (0.0.0.0 in proxy mode before it has one).</param>
    /// <param name="relayAddress">giaddr, 0.0.0.0 when not relayed.</param>
    /// <param name="interfaceName">The receiving interface.</param>
    /// <param name="mode">Full or proxy.</param>
    public BootRequest(PxeClientInfo client, Ipv4Address serverAddress, Ipv4Address clientAddress, Ipv4Address relayAddress, string interfaceName, DhcpServerMode mode)
    {
        Client = client;
        ServerAddress = serverAddress;
        ClientAddress = clientAddress;
        RelayAddress = relayAddress;
        InterfaceName = interfaceName;
        Mode = mode;
    }

    /// <summary>The classified client (firmware, architecture, UUID, iPXE features).</summary>
    public PxeClientInfo Client { get; }

    /// <summary>The client's MAC address.</summary>
    public MacAddress MacAddress => Client.ClientMacAddress;

    /// <summary>This server's address on the interface the request came in on.</summary>
    public Ipv4Address ServerAddress { get; }

    /// <summary>The address the client gets or has (0.0.0.0 in proxy mode before it has one).</summary>
    public Ipv4Address ClientAddress { get; }

    /// <summary>giaddr, 0.0.0.0 when not relayed.</summary>
    public Ipv4Address RelayAddress { get; }

    /// <summary>The receiving interface.</summary>
    public string InterfaceName { get; }

    /// <summary>Full or proxy.</summary>
    public DhcpServerMode Mode { get; }
}
