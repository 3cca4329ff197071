namespace BareMetal.Ipxe;

/// <summary>The signature iPXE's <c>script_probe()</c> looks for: <c>#!ipxe</c> or <c>#!gpxe</c> followed by whitespace.</summary>
public enum IpxeHeader
{
    /// <summary>No signature: iPXE does not recognise the image as a script.</summary>
    None = 0,

    /// <summary><c>#!ipxe</c>.</summary>
    Ipxe,

    /// <summary><c>#!gpxe</c> (the legacy name iPXE still accepts).</summary>
    Gpxe,
}
