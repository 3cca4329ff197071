namespace BareMetal.Ipxe;

/// <summary>How serious a finding is.</summary>
public enum IpxeSeverity
{
    /// <summary>Worth knowing; the script runs as written.</summary>
    Info = 0,

    /// <summary>Probably a mistake; the script may not do what was meant.</summary>
    Warning,

    /// <summary>The script fails on iPXE at this point (a command fails and the script stops, or iPXE does not run it at all).</summary>
    Error,
}
