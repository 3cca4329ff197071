namespace BareMetal.Redfish;

/// <summary>The <c>ResetType</c> values of <c>#ComputerSystem.Reset</c> (Resource.ResetType in the DMTF schema).</summary>
public enum ResetType
{
    /// <summary>Switch on.</summary>
    On = 1,

    /// <summary>Switch off at once, without asking the operating system.</summary>
    ForceOff,

    /// <summary>Ask the operating system to shut down (ACPI power button).</summary>
    GracefulShutdown,

    /// <summary>Ask the operating system to restart.</summary>
    GracefulRestart,

    /// <summary>Restart at once, without asking the operating system.</summary>
    ForceRestart,

    /// <summary>Switch off, then on.</summary>
    PowerCycle,

    /// <summary>Switch on at once.</summary>
    ForceOn,

    /// <summary>Press the power button (what it does depends on the state).</summary>
    PushPowerButton,

    /// <summary>Send a non-maskable interrupt.</summary>
    Nmi,
}
