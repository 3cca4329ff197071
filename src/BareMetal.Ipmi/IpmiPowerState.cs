namespace BareMetal.Ipmi;

/// <summary>The chassis power state (IPMI 2.0 §28.2 Get Chassis Status, bit 0 of the current power state).</summary>
public enum IpmiPowerState
{
    /// <summary>Off.</summary>
    Off = 0,

    /// <summary>On.</summary>
    On = 1,
}
