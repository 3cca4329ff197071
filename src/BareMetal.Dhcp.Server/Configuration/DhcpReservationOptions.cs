namespace BareMetal.Dhcp.Server.Configuration;

/// <summary>A fixed address for one client, matched by MAC address or by client identifier (option 61).</summary>
public sealed class DhcpReservationOptions
{
    /// <summary>The client's MAC address, <c>52:54:00:12:34:56</c> (or with dashes). Either this or <see cref="ClientId"/> is required.</summary>
    public string? Mac { get; set; }

    /// <summary>The client identifier (option 61) as hex bytes, <c>01:52:54:00:12:34:56</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The reserved IPv4 address; it must lie in the subnet and should lie outside its pools.</summary>
    public string Address { get; set; } = "";

    /// <summary>An optional host name sent as option 12.</summary>
    public string? Hostname { get; set; }
}
