namespace BareMetal.Redfish;

/// <summary>A system's <c>PowerState</c> (Resource.PowerState in the DMTF schema).</summary>
public enum PowerState
{
    /// <summary>Absent, or a value this library does not know.</summary>
    Unknown = 0,

    /// <summary>On.</summary>
    On,

    /// <summary>Off.</summary>
    Off,

    /// <summary>Switching on.</summary>
    PoweringOn,

    /// <summary>Switching off (a graceful shutdown in progress).</summary>
    PoweringOff,

    /// <summary>Powered but paused (a virtual machine, or a system held in reset).</summary>
    Paused,
}
