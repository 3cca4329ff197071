namespace BareMetal.Ipxe;

/// <summary>Why a URI cannot be fetched by iPXE (the schemes are the <c>uri_opener</c>s iPXE registers).</summary>
public enum IpxeUriError
{
    /// <summary>The URI can be fetched (given a build with the scheme compiled in).</summary>
    None = 0,

    /// <summary>The URI is not a single valid token (see <see cref="IpxeTokenError"/>).</summary>
    InvalidToken,

    /// <summary>The scheme is not one iPXE can open (http, https, tftp, ftp, nfs, file, data, iscsi, aoe, ...).</summary>
    UnsupportedScheme,

    /// <summary>A network scheme (http, https, tftp, ftp, nfs) without <c>//host</c>.</summary>
    MissingHost,

    /// <summary>The scheme name holds characters other than letters, digits, <c>+</c>, <c>-</c> and <c>.</c>.</summary>
    MalformedScheme,
}
