namespace BareMetal.Dhcp.Server.Observability;

/// <summary>
/// Receives the server's events (register zero or more in DI). Called on the transport's thread while it holds the
/// engine: return quickly and hand heavy work to a queue of your own. Every method has an empty default.
/// </summary>
public interface IDhcpServerObserver
{
    /// <summary>A client without a reservation or known-MAC entry was seen (at most once per <c>DiscoveredEventInterval</c> per client).</summary>
    /// <param name="client">Who and where.</param>
    void OnClientDiscovered(DhcpClientDiscovered client)
    {
    }

    /// <summary>An address was offered (DHCPOFFER).</summary>
    /// <param name="lease">The lease.</param>
    void OnLeaseOffered(in DhcpLeaseEvent lease)
    {
    }

    /// <summary>A lease was granted or renewed (DHCPACK).</summary>
    /// <param name="lease">The lease.</param>
    void OnLeaseAcknowledged(in DhcpLeaseEvent lease)
    {
    }

    /// <summary>A client gave its address back (DHCPRELEASE) or declined it (DHCPDECLINE).</summary>
    /// <param name="lease">The lease, in state Released or Declined.</param>
    void OnLeaseReleased(in DhcpLeaseEvent lease)
    {
    }

    /// <summary>A boot decision was sent to a PXE, iPXE or HTTP boot client.</summary>
    /// <param name="client">The client as the classifier saw it in this request (MAC, firmware, architecture, iPXE features).</param>
    /// <param name="decision">What it was told to load.</param>
    void OnBootOffered(in PxeClientInfo client, in Boot.BootDecision decision)
    {
    }

    /// <summary>
    /// A reservation's owner asked for its address while another client held it (the address was leased before the
    /// reservation existed). The owner was lent a pool address; the holder is refused at its next renewal.
    /// </summary>
    /// <param name="conflict">The address, the owner and the holder.</param>
    void OnReservationConflict(in DhcpReservationConflict conflict)
    {
    }

    /// <summary>The expiry sweep reclaimed a lease whose time ran out (its address can go to another client).</summary>
    /// <param name="lease">The lease as it was, in state Expired.</param>
    void OnLeaseExpired(in DhcpLeaseEvent lease)
    {
    }

    /// <summary>A packet was ignored.</summary>
    /// <param name="reason">Why.</param>
    void OnPacketIgnored(Engine.DhcpIgnoreReason reason)
    {
    }
}
