namespace BareMetal.Dhcp.Server.Boot;

/// <summary>What a boot policy tells a client: nothing (with a reason), a file on the TFTP server, or a URL.</summary>
public readonly struct BootDecision
{
    private BootDecision(BootDecisionKind kind, string? fileNameOrUrl, Ipv4Address nextServer, string? reason)
    {
        Kind = kind;
        FileNameOrUrl = fileNameOrUrl;
        NextServer = nextServer;
        Reason = reason;
    }

    /// <summary>Which kind of decision this is.</summary>
    public BootDecisionKind Kind { get; }

    /// <summary>The boot file name (TFTP) or URL; <see langword="null"/> for <see cref="BootDecisionKind.NoBoot"/>.</summary>
    public string? FileNameOrUrl { get; }

    /// <summary>The TFTP server (siaddr); 0.0.0.0 means "this server's interface address".</summary>
    public Ipv4Address NextServer { get; }

    /// <summary>Why the client gets no boot options, for logs.</summary>
    public string? Reason { get; }

    /// <summary>Whether the client is told to boot something.</summary>
    public bool Boots => Kind != BootDecisionKind.NoBoot;

    /// <summary>Offer no boot options; in proxy mode the client gets no reply at all.</summary>
    /// <param name="reason">Why, for logs.</param>
    /// <returns>The decision.</returns>
    public static BootDecision NoBoot(string reason) => new(BootDecisionKind.NoBoot, null, default, reason);

    /// <summary>Boot a file from the TFTP server.</summary>
    /// <param name="fileName">The file name, for example <c>undionly.kpxe</c> (at most 127 bytes ASCII).</param>
    /// <param name="nextServer">The TFTP server, or 0.0.0.0 for this server.</param>
    /// <returns>The decision.</returns>
    public static BootDecision BootFile(string fileName, Ipv4Address nextServer = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return new(BootDecisionKind.BootFile, fileName, nextServer, null);
    }

    /// <summary>Boot a URL (an iPXE script for iPXE clients, an EFI binary for UEFI HTTP boot).</summary>
    /// <param name="url">The URL, for example <c>http://192.0.2.1:8080/ipxe/52:54:00:12:34:56</c>.</param>
    /// <param name="nextServer">siaddr to send beside it, or 0.0.0.0 for this server.</param>
    /// <returns>The decision.</returns>
    public static BootDecision Url(string url, Ipv4Address nextServer = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        return new(BootDecisionKind.Url, url, nextServer, null);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == BootDecisionKind.NoBoot ? $"no boot ({Reason})" : $"{Kind} {FileNameOrUrl}";
}

/// <summary>The kinds of <see cref="BootDecision"/>.</summary>
public enum BootDecisionKind
{
    /// <summary>No boot options.</summary>
    NoBoot = 0,

    /// <summary>A file name on the TFTP server (siaddr).</summary>
    BootFile,

    /// <summary>A URL.</summary>
    Url,
}
