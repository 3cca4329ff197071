namespace BareMetal.Ipxe;

/// <summary>Why <see cref="IpxeScriptReader.TryRead(ReadOnlySpan{byte}, out IpxeScript?, out IpxeReadError)"/> refused the input.</summary>
public enum IpxeReadError
{
    /// <summary>The input is a script.</summary>
    None = 0,

    /// <summary>Shorter than the 7 bytes of the signature and its whitespace ("Too short to be a script").</summary>
    TooShort,

    /// <summary>No <c>#!ipxe</c> / <c>#!gpxe</c> signature followed by whitespace ("Invalid magic signature").</summary>
    MissingSignature,

    /// <summary>Larger than <see cref="IpxeScriptReader.MaxLength"/>.</summary>
    TooLarge,
}
