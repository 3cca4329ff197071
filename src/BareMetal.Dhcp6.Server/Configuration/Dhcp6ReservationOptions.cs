namespace BareMetal.Dhcp6.Server.Configuration;

/// <summary>A fixed address for one client, found by its DUID or by its MAC address (whichever is set).</summary>
public sealed class Dhcp6ReservationOptions
{
    /// <summary>The client's DUID in hex (colons or dashes allowed), e.g. <c>00:03:00:01:52:54:00:24:00:07</c>.</summary>
    public string? Duid { get; set; }

    /// <summary>The client's MAC: matched against RFC 6939 option 79 from a relay, or the address inside a DUID-LL/DUID-LLT.</summary>
    public string? MacAddress { get; set; }

    /// <summary>The address to assign; inside one subnet's prefix (it need not be inside the range).</summary>
    public string Address { get; set; } = "";
}
