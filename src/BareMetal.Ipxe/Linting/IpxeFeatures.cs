namespace BareMetal.Ipxe;

// IpxeFeatures itself and its option-175 parser (IpxeFeatureOption) live in BareMetal.Netboot.Primitives, shared
// with BareMetal.Dhcp; this file keeps what only a script reader knows: which feature a URI scheme needs.

/// <summary>Maps URI schemes to the <see cref="IpxeFeatures"/> an iPXE build must announce to fetch them.</summary>
public static class IpxeFeatureFlags
{
    /// <summary>The feature a URI scheme needs, or <see cref="IpxeFeatures.None"/> when no flag announces it (file, data, multicast TFTP).</summary>
    public static IpxeFeatures Required(IpxeUriScheme scheme) => scheme switch
    {
        IpxeUriScheme.Http => IpxeFeatures.Http,
        IpxeUriScheme.Https => IpxeFeatures.Https,
        IpxeUriScheme.Tftp => IpxeFeatures.Tftp,
        IpxeUriScheme.Ftp => IpxeFeatures.Ftp,
        IpxeUriScheme.Nfs => IpxeFeatures.Nfs,
        IpxeUriScheme.Iscsi => IpxeFeatures.Iscsi,
        IpxeUriScheme.Aoe => IpxeFeatures.Aoe,
        IpxeUriScheme.Fcp => IpxeFeatures.Fcoe,
        IpxeUriScheme.IbSrp => IpxeFeatures.Srp,
        IpxeUriScheme.Slam => IpxeFeatures.Slam,
        _ => IpxeFeatures.None,
    };
}
