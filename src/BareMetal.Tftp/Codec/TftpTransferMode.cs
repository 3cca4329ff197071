namespace BareMetal.Tftp;

/// <summary>The transfer mode named in a request (RFC 1350 section 5; compared without case).</summary>
public enum TftpTransferMode : byte
{
    /// <summary>No mode (not a request).</summary>
    None = 0,

    /// <summary><c>octet</c>: raw 8-bit bytes.</summary>
    Octet,

    /// <summary><c>netascii</c>: served byte for byte by this package (see docs/tftp.md).</summary>
    NetAscii,

    /// <summary><c>mail</c>: obsolete (RFC 1350); refused by the server.</summary>
    Mail,
}
