namespace BareMetal.Dhcp.Server.Engine;

/// <summary>Where and when a packet arrived: everything the engine needs besides the bytes.</summary>
public readonly struct DhcpPacketContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="interfaceIndex">The index of the receiving interface in <c>DhcpServerOptions.Interfaces</c>.</param>
    /// <param name="sourceAddress">The datagram's source address.</param>
    /// <param name="sourcePort">The datagram's source port.</param>
    /// <param name="bootServerPort">True when it arrived on the PXE boot server port (4011).</param>
    /// <param name="nowUnixMilliseconds">The current time.</param>
    public DhcpPacketContext(int interfaceIndex, Ipv4Address sourceAddress, int sourcePort, bool bootServerPort, long nowUnixMilliseconds)
    {
        InterfaceIndex = interfaceIndex;
        SourceAddress = sourceAddress;
        SourcePort = sourcePort;
        BootServerPort = bootServerPort;
        NowUnixMilliseconds = nowUnixMilliseconds;
    }

    /// <summary>The index of the receiving interface in <c>DhcpServerOptions.Interfaces</c>.</summary>
    public int InterfaceIndex { get; }

    /// <summary>The datagram's source address.</summary>
    public Ipv4Address SourceAddress { get; }

    /// <summary>The datagram's source port.</summary>
    public int SourcePort { get; }

    /// <summary>True when the packet arrived on the PXE boot server port (4011).</summary>
    public bool BootServerPort { get; }

    /// <summary>The current time in Unix milliseconds.</summary>
    public long NowUnixMilliseconds { get; }
}
