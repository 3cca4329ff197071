namespace BareMetal.Dhcp6.Server.Configuration;

/// <summary>The DHCPv6 server's options; validated by <see cref="Engine.Dhcp6ServerEngine"/>'s constructor (every bad field is named).</summary>
public sealed class Dhcp6ServerOptions
{
    /// <summary>The server's DUID in hex; when empty, a DUID-LL is made from <see cref="ServerMacAddress"/> (RFC 8415 §11.4).</summary>
    public string? ServerDuid { get; set; }

    /// <summary>The MAC address the server's DUID-LL is made from when <see cref="ServerDuid"/> is empty.</summary>
    public string? ServerMacAddress { get; set; }

    /// <summary>The links the server serves.</summary>
    public List<Dhcp6SubnetOptions> Subnets { get; } = [];

    /// <summary>Fixed addresses by DUID or MAC.</summary>
    public List<Dhcp6ReservationOptions> Reservations { get; } = [];

    /// <summary>Boot policy settings.</summary>
    public Dhcp6BootOptions Boot { get; set; } = new();

    /// <summary>Whether a Solicit with Rapid Commit gets a committed Reply at once (RFC 8415 §18.3.1); off by default, as RFC 8415 §21.14 advises when several servers may answer.</summary>
    public bool AllowRapidCommit { get; set; }

    /// <summary>The Preference option (RFC 8415 §21.8) put in Advertise messages; 255 makes clients skip waiting for other servers. <c>null</c> sends none.</summary>
    public byte? Preference { get; set; }

    /// <summary>Seconds an address offered in an Advertise is held for the client before it may go to another.</summary>
    public uint OfferHoldSeconds { get; set; } = 60;

    /// <summary>Seconds an address a client declined (RFC 8415 §18.3.8) is kept out of the pool.</summary>
    public uint DeclineHoldSeconds { get; set; } = 3600;
}
