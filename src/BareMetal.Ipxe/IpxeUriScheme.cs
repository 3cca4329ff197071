namespace BareMetal.Ipxe;

/// <summary>
/// URI schemes iPXE registers openers for (<c>struct uri_opener</c> in <c>src/net/**</c> and
/// <c>src/core/datauri.c</c>, <c>src/interface/efi/efi_local.c</c>).
/// </summary>
public enum IpxeUriScheme
{
    /// <summary>No scheme: a relative URI, or a scheme iPXE does not know.</summary>
    None = 0,

    /// <summary><c>http</c> (feature flag 175.19).</summary>
    Http,

    /// <summary><c>https</c> (feature flag 175.20; needs a build with TLS).</summary>
    Https,

    /// <summary><c>tftp</c> (feature flag 175.21).</summary>
    Tftp,

    /// <summary><c>ftp</c> (feature flag 175.22).</summary>
    Ftp,

    /// <summary><c>nfs</c> (feature flag 175.41).</summary>
    Nfs,

    /// <summary><c>file</c> (EFI builds only: files on the boot device).</summary>
    File,

    /// <summary><c>data</c> (RFC 2397 inline data).</summary>
    Data,

    /// <summary><c>iscsi</c> (feature flag 175.17), for <c>sanboot</c>/<c>sanhook</c>.</summary>
    Iscsi,

    /// <summary><c>aoe</c> (feature flag 175.18), for <c>sanboot</c>/<c>sanhook</c>.</summary>
    Aoe,

    /// <summary><c>fcp</c> (feature flag 175.37), for <c>sanboot</c>/<c>sanhook</c>.</summary>
    Fcp,

    /// <summary><c>ib_srp</c> (feature flag 175.27), for <c>sanboot</c>/<c>sanhook</c>.</summary>
    IbSrp,

    /// <summary><c>tftm</c> and <c>mtftp</c> (multicast TFTP).</summary>
    MulticastTftp,

    /// <summary><c>x-slam</c> (feature flag 175.26).</summary>
    Slam,
}

/// <summary>Parsing and properties of <see cref="IpxeUriScheme"/>.</summary>
public static class IpxeUriSchemes
{
    /// <summary>The scheme named by <paramref name="name"/> (case-insensitive), or <see cref="IpxeUriScheme.None"/>.</summary>
    public static IpxeUriScheme Parse(ReadOnlySpan<char> name)
    {
        Span<char> lower = stackalloc char[8];
        if (name.Length > lower.Length)
        {
            return IpxeUriScheme.None;
        }

        lower = lower[..name.ToLowerInvariant(lower)];
        return lower switch
        {
            "http" => IpxeUriScheme.Http,
            "https" => IpxeUriScheme.Https,
            "tftp" => IpxeUriScheme.Tftp,
            "ftp" => IpxeUriScheme.Ftp,
            "nfs" => IpxeUriScheme.Nfs,
            "file" => IpxeUriScheme.File,
            "data" => IpxeUriScheme.Data,
            "iscsi" => IpxeUriScheme.Iscsi,
            "aoe" => IpxeUriScheme.Aoe,
            "fcp" => IpxeUriScheme.Fcp,
            "ib_srp" => IpxeUriScheme.IbSrp,
            "tftm" or "mtftp" => IpxeUriScheme.MulticastTftp,
            "x-slam" => IpxeUriScheme.Slam,
            _ => IpxeUriScheme.None,
        };
    }

    /// <summary>Whether URIs of the scheme must carry an authority (<c>//host</c>).</summary>
    public static bool NeedsHost(IpxeUriScheme scheme) =>
        scheme is IpxeUriScheme.Http or IpxeUriScheme.Https or IpxeUriScheme.Tftp or IpxeUriScheme.Ftp or IpxeUriScheme.Nfs;
}
