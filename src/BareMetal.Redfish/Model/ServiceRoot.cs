namespace BareMetal.Redfish;

/// <summary>The service root (<c>/redfish/v1/</c>): the version and where the collections are.</summary>
public sealed record ServiceRoot
{
    /// <summary>The Redfish protocol version, such as <c>1.15.0</c>.</summary>
    public string? RedfishVersion { get; init; }

    /// <summary>The service's UUID, when given.</summary>
    public string? Uuid { get; init; }

    /// <summary>The vendor, when given.</summary>
    public string? Vendor { get; init; }

    /// <summary>The product, when given.</summary>
    public string? Product { get; init; }

    /// <summary>The systems collection path.</summary>
    public string? SystemsPath { get; init; }

    /// <summary>The managers collection path.</summary>
    public string? ManagersPath { get; init; }

    /// <summary>The sessions collection path (<c>Links.Sessions</c>, else under <c>SessionService</c>).</summary>
    public string? SessionsPath { get; init; }
}
