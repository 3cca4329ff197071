namespace BareMetal.Dhcp.Server.Observability;

/// <summary>A reserved address found bound to another client (see <see cref="IDhcpServerObserver.OnReservationConflict"/>).</summary>
/// <param name="Address">The reserved address.</param>
/// <param name="Owner">The machine the address is reserved for.</param>
/// <param name="Holder">The client that holds it now.</param>
/// <param name="HolderExpires">When the holder's lease ends if it is not renewed.</param>
public readonly record struct DhcpReservationConflict(Ipv4Address Address, MacAddress Owner, MacAddress Holder, DateTimeOffset HolderExpires);
