namespace BareMetal.Dhcp.Server.Access;

/// <summary>
/// Host-provided reservations and known machines (for example from an inventory), consulted after the configured
/// reservations. Called under the engine's lock for every request: answer from memory.
/// </summary>
public interface IDhcpReservationSource
{
    /// <summary>Looks a machine up by MAC address.</summary>
    /// <param name="macAddress">The client's MAC address.</param>
    /// <param name="address">The fixed address, or 0.0.0.0 when the machine is known but gets a pool address.</param>
    /// <param name="hostName">An optional host name (option 12).</param>
    /// <returns>Whether the machine is known.</returns>
    bool TryGetReservation(MacAddress macAddress, out Ipv4Address address, out string? hostName);

    /// <summary>
    /// Whether <paramref name="address"/> is reserved for some machine. The engine never offers or acknowledges a
    /// reserved address to any other client: its pools skip it, and a client that holds it without owning it is
    /// refused (DHCPNAK) at its next renewal, so it moves to another address.
    /// </summary>
    /// <param name="address">An address the engine is about to hand out or confirm.</param>
    bool IsReservedAddress(Ipv4Address address);
}
