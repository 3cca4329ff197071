namespace BareMetal.Dhcp.Server.Observability;

/// <summary>A client the server has no reservation or known-MAC entry for, seen on the network.</summary>
/// <param name="MacAddress">The client's MAC address.</param>
/// <param name="Architecture">Option 93's first value, or <see langword="null"/> when the client sent none.</param>
/// <param name="VendorClass">Option 60 as text (for example <c>PXEClient:Arch:00007:UNDI:003000</c>), or <see langword="null"/>.</param>
/// <param name="RelayAddress">giaddr when the request came through a relay, else <see langword="null"/>.</param>
/// <param name="InterfaceName">The interface the request arrived on.</param>
/// <param name="FirstSeen">When this server first saw the client (since start).</param>
/// <param name="LastSeen">When it saw the client this time.</param>
/// <param name="Answered">False in known-clients-only mode, where the client got no reply.</param>
public sealed record DhcpClientDiscovered(
    MacAddress MacAddress,
    ClientArchitecture? Architecture,
    string? VendorClass,
    Ipv4Address? RelayAddress,
    string InterfaceName,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    bool Answered);
