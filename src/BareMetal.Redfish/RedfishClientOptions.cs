namespace BareMetal.Redfish;

/// <summary>Where the BMC is, who logs in, what TLS certificate to trust, and how patient to be.</summary>
public sealed class RedfishClientOptions
{
    /// <summary>The BMC's address, such as <c>https://10.0.0.5</c> or <c>https://bmc:8443</c>; the path is ignored.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The account to log in with.</summary>
    public required RedfishCredentials Credentials { get; init; }

    /// <summary>Which certificates to accept (default: the system's roots with host-name checks).</summary>
    public RedfishTrust Trust { get; init; } = RedfishTrust.SystemRoots;

    /// <summary>Sessions (default) or basic authentication.</summary>
    public RedfishAuthentication Authentication { get; init; } = RedfishAuthentication.Session;

    /// <summary>How long one HTTP exchange may take (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries for 5xx answers, timeouts and failed connections.</summary>
    public RedfishRetryPolicy Retry { get; init; } = new();

    /// <summary>How often a task monitor is polled when the BMC gives no Retry-After (default 1 s).</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to follow a task monitor before giving up with <see cref="RedfishErrorKind.TaskTimedOut"/> (default 10 min).</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When true (default), a reset is sent only with a value the BMC lists in <c>ResetType@Redfish.AllowableValues</c>
    /// or its ActionInfo; a BMC that lists none refuses every reset with <see cref="RedfishErrorKind.ResetTypeNotAllowed"/>.
    /// When false, a BMC that lists nothing is taken to allow every value (DSP0266 reads absence that way).
    /// </summary>
    public bool RequireAdvertisedResetTypes { get; init; } = true;

    /// <summary>Allows an <c>http://</c> base address (credentials then cross the network in clear). Default false.</summary>
    public bool AllowUnencryptedHttp { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseAddress);
        ArgumentNullException.ThrowIfNull(Credentials);
        ArgumentNullException.ThrowIfNull(Trust);
        ArgumentNullException.ThrowIfNull(Retry);
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"RedfishClientOptions.BaseAddress '{BaseAddress}' must be an absolute https:// address.", nameof(BaseAddress));
        }

        if (BaseAddress.UserInfo.Length > 0)
        {
            // A user:password@ in the address would travel in every request URI and every exception message.
            throw new ArgumentException("RedfishClientOptions.BaseAddress must not carry user:password@; put the account in Credentials.", nameof(BaseAddress));
        }

        if (BaseAddress.Scheme == Uri.UriSchemeHttp && !AllowUnencryptedHttp)
        {
            throw new ArgumentException($"RedfishClientOptions.BaseAddress '{BaseAddress}' is http://: use https://, or set AllowUnencryptedHttp if the BMC truly has no TLS.", nameof(BaseAddress));
        }

        if (RequestTimeout <= TimeSpan.Zero || TaskPollInterval <= TimeSpan.Zero || TaskTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "RedfishClientOptions: RequestTimeout, TaskPollInterval and TaskTimeout must be positive.");
        }

        Retry.Validate();
    }
}
