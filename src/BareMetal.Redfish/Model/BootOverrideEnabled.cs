namespace BareMetal.Redfish;

/// <summary><c>BootSourceOverrideEnabled</c>: how long a boot source override lasts.</summary>
public enum BootOverrideEnabled
{
    /// <summary>No override.</summary>
    Disabled = 0,

    /// <summary>The next boot only; the BMC sets it back to Disabled afterwards.</summary>
    Once,

    /// <summary>Every boot until changed.</summary>
    Continuous,
}
