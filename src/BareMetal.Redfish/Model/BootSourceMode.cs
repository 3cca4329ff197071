namespace BareMetal.Redfish;

/// <summary><c>BootSourceOverrideMode</c>: which firmware boot path the override uses.</summary>
public enum BootSourceMode
{
    /// <summary>Not given, or a value this library does not know.</summary>
    Unknown = 0,

    /// <summary>Legacy BIOS boot.</summary>
    Legacy,

    /// <summary>UEFI boot.</summary>
    Uefi,
}
