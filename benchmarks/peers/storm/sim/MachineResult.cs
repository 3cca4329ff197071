namespace StormSim;

/// <summary>What happened to one simulated machine: each finished stage's duration, and the failure if any.</summary>
internal sealed class MachineResult
{
    public MachineResult(string mac) => Mac = mac;

    public string Mac { get; }

    public double[] Seconds { get; } = new double[Enum.GetValues<Stage>().Length];

    public double TotalSeconds { get; set; }

    /// <summary>How often a DHCP NAK sent the machine back to DISCOVER.</summary>
    public int DhcpRestarts { get; set; }

    public Stage? FailedAt { get; set; }

    public string? Error { get; set; }

    public bool Completed => FailedAt is null;
}
