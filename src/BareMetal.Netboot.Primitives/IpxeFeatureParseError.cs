namespace BareMetal.Netboot;

/// <summary>Why <see cref="IpxeFeatureOption.TryParse"/> rejected option 175 bytes.</summary>
public enum IpxeFeatureParseError
{
    /// <summary>The bytes were parsed.</summary>
    None = 0,

    /// <summary>A sub-option's length runs past the end of the data.</summary>
    Truncated,
}
