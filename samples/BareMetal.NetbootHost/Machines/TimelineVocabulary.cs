namespace BareMetal.NetbootHost.Machines;

/// <summary>
/// The timeline's event types for boot stages the host itself sees (the agent's own event types are
/// <see cref="BareMetal.LabAgent.EventTypes"/>, one source file shared with the agent).
/// </summary>
internal static class BootStageTypes
{
    public const string DhcpDiscover = "dhcp-discover";
    public const string DhcpLease = "dhcp-lease";
    public const string DhcpRelease = "dhcp-release";
    public const string DhcpBoot = "dhcp-boot";
    public const string DhcpLeaseExpired = "dhcp-lease-expired";
    public const string DhcpReservationConflict = "dhcp-reservation-conflict";
    public const string Tftp = "tftp";
    public const string Script = "script";
    public const string Image = "image";
}

/// <summary>Which part of the host (or the agent) an event came from.</summary>
internal static class BootStageSources
{
    public const string Dhcp = "dhcp";
    public const string Tftp = "tftp";
    public const string Http = "http";
    public const string Agent = "agent";
}
