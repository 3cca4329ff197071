namespace BareMetal.Ipmi;

/// <summary>Where the BMC is, how to log in, and how long to wait.</summary>
public sealed class IpmiClientOptions
{
    /// <summary>The BMC's address or host name.</summary>
    public required string Host { get; init; }

    /// <summary>The RMCP port (default 623).</summary>
    public int Port { get; init; } = 623;

    /// <summary>The BMC account.</summary>
    public required string UserName { get; init; }

    /// <summary>The password's source.</summary>
    public required IpmiPassword Password { get; init; }

    /// <summary>
    /// The RMCP+ cipher suite (IPMI 2.0 §22.15.2; default 17: RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128). Suite 3
    /// (SHA1, AES) is what older BMCs and ipmi_sim offer. Always given, so ipmitool does not spend a round trip
    /// (and on some BMCs a 10 s wait) on Get Channel Cipher Suites.
    /// </summary>
    public int CipherSuite { get; init; } = 17;

    /// <summary>The session privilege (ipmitool <c>-L</c>; default ADMINISTRATOR, which chassis control needs on most BMCs).</summary>
    public string Privilege { get; init; } = "ADMINISTRATOR";

    /// <summary>ipmitool's per-request retransmission timeout in seconds (<c>-N</c>; default 2).</summary>
    public int RetransmitSeconds { get; init; } = 2;

    /// <summary>ipmitool's retransmissions per request (<c>-R</c>; 1 or more, default 3: ipmitool reads 0 as "its own default").</summary>
    public int Retries { get; init; } = 3;

    /// <summary>How long one ipmitool run may take before it is stopped (default 60 s).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The ipmitool program (default <c>ipmitool</c> from PATH).</summary>
    public string IpmitoolPath { get; init; } = "ipmitool";

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Host);
        ArgumentException.ThrowIfNullOrEmpty(UserName);
        ArgumentNullException.ThrowIfNull(Password);
        ArgumentException.ThrowIfNullOrEmpty(IpmitoolPath);
        if (Host.StartsWith('-') || UserName.StartsWith('-'))
        {
            throw new ArgumentException("IpmiClientOptions: Host and UserName must not start with '-' (ipmitool would read them as options).");
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "IpmiClientOptions.Port must be 1-65535.");
        }

        if (CipherSuite is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(CipherSuite), CipherSuite, "IpmiClientOptions.CipherSuite must be 0-255 (17 or 3 for most BMCs).");
        }

        if (Privilege is not ("CALLBACK" or "USER" or "OPERATOR" or "ADMINISTRATOR" or "OEM"))
        {
            throw new ArgumentException($"IpmiClientOptions.Privilege '{Privilege}' must be CALLBACK, USER, OPERATOR, ADMINISTRATOR or OEM.", nameof(Privilege));
        }

        if (RetransmitSeconds < 1 || Retries < 1 || CommandTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), "IpmiClientOptions: RetransmitSeconds >= 1, Retries >= 1 and a positive CommandTimeout are required.");
        }
    }
}
