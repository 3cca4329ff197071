namespace BareMetal.Redfish;

/// <summary>The parts of a Redfish <c>ComputerSystem</c> a provisioner acts on.</summary>
public sealed record ComputerSystem
{
    /// <summary>The resource path (<c>@odata.id</c>), such as <c>/redfish/v1/Systems/1</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The <c>Id</c> property.</summary>
    public required string Id { get; init; }

    /// <summary>The <c>Name</c> property, when given.</summary>
    public string? Name { get; init; }

    /// <summary>Manufacturer, when given.</summary>
    public string? Manufacturer { get; init; }

    /// <summary>Model, when given.</summary>
    public string? Model { get; init; }

    /// <summary>Serial number, when given.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The system UUID, when given.</summary>
    public string? Uuid { get; init; }

    /// <summary>The power state.</summary>
    public PowerState PowerState { get; init; }

    /// <summary>The boot override, when the system has a <c>Boot</c> object.</summary>
    public BootOverride? Boot { get; init; }

    /// <summary>The reset action's target path, when the system offers <c>#ComputerSystem.Reset</c>.</summary>
    public string? ResetTarget { get; init; }

    /// <summary>The reset types the BMC lists (from the action or its ActionInfo), as written; empty when it lists none.</summary>
    public IReadOnlyList<string> AllowedResetTypes { get; init; } = [];

    /// <summary>The ActionInfo path of the reset action (<c>@Redfish.ActionInfo</c>), when given.</summary>
    public string? ResetActionInfo { get; init; }

    /// <summary>The system's virtual media collection path, when given.</summary>
    public string? VirtualMediaPath { get; init; }

    /// <summary>The managers (BMCs) that manage this system (<c>Links.ManagedBy</c>).</summary>
    public IReadOnlyList<string> ManagedBy { get; init; } = [];

    /// <summary>The resource's ETag (the header, else <c>@odata.etag</c>), sent back in If-Match when patching.</summary>
    public string? ETag { get; init; }
}
