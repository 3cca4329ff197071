namespace BareMetal.Dhcp6.Server.Engine;

/// <summary>Where a message came from: everything the engine needs besides the bytes (the time comes from its <see cref="TimeProvider"/>).</summary>
public readonly struct Dhcp6PacketContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="interfaceName">The receiving interface, matched against <c>Dhcp6SubnetOptions.InterfaceName</c> for messages not relayed.</param>
    /// <param name="sourceAddress">The datagram's source: the client's link-local address, or the relay's address.</param>
    /// <param name="sourcePort">The datagram's source port (546 for clients, 547 for relays).</param>
    public Dhcp6PacketContext(string? interfaceName, Ipv6Address sourceAddress, int sourcePort)
    {
        InterfaceName = interfaceName;
        SourceAddress = sourceAddress;
        SourcePort = sourcePort;
    }

    /// <summary>The receiving interface's name.</summary>
    public string? InterfaceName { get; }

    /// <summary>The datagram's source address.</summary>
    public Ipv6Address SourceAddress { get; }

    /// <summary>The datagram's source port.</summary>
    public int SourcePort { get; }
}
