namespace BareMetal.Redfish;

/// <summary>One Redfish <c>VirtualMedia</c> device.</summary>
public sealed record VirtualMediaDevice
{
    /// <summary>The resource path.</summary>
    public required string Path { get; init; }

    /// <summary>The <c>Id</c> property.</summary>
    public required string Id { get; init; }

    /// <summary>The media types it takes (<c>CD</c>, <c>DVD</c>, <c>USBStick</c>, ...), as written.</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } = [];

    /// <summary>Whether an image is inserted.</summary>
    public bool Inserted { get; init; }

    /// <summary>The inserted image's URI, when one is.</summary>
    public string? Image { get; init; }

    /// <summary>The <c>#VirtualMedia.InsertMedia</c> target, when offered.</summary>
    public string? InsertTarget { get; init; }

    /// <summary>The <c>#VirtualMedia.EjectMedia</c> target, when offered.</summary>
    public string? EjectTarget { get; init; }
}
