using BareMetal.Dhcp.Server.Leases;

namespace BareMetal.Dhcp.Server.Observability;

/// <summary>A lease that was offered, acknowledged, released or declined.</summary>
/// <param name="MacAddress">The client's MAC address.</param>
/// <param name="Address">The leased address.</param>
/// <param name="State">The lease's state after the change.</param>
/// <param name="ExpiresAt">When the lease (or offer, or quarantine) ends.</param>
/// <param name="InterfaceName">The interface the request arrived on.</param>
/// <param name="RelayAddress">giaddr when the request came through a relay, else <see langword="null"/>.</param>
public readonly record struct DhcpLeaseEvent(
    MacAddress MacAddress,
    Ipv4Address Address,
    DhcpLeaseState State,
    DateTimeOffset ExpiresAt,
    string InterfaceName,
    Ipv4Address? RelayAddress);
