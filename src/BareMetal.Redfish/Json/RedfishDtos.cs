using System.Text.Json.Serialization;

namespace BareMetal.Redfish.Json;

// The wire shapes of the DMTF schemas, only the properties this library reads or writes. Everything else a BMC
// sends (Oem objects, @odata.context, Status, ...) is skipped by the reader. Properties are nullable: a missing
// one is reported as RedfishErrorKind.MissingProperty by the mapping code, with its name.

internal sealed class ODataLinkDto
{
    [JsonPropertyName("@odata.id")]
    public string? Id { get; set; }
}

internal sealed class ServiceRootDto
{
    public string? RedfishVersion { get; set; }

    public string? UUID { get; set; }

    public string? Vendor { get; set; }

    public string? Product { get; set; }

    public ODataLinkDto? Systems { get; set; }

    public ODataLinkDto? Managers { get; set; }

    public ODataLinkDto? SessionService { get; set; }

    public ServiceRootLinksDto? Links { get; set; }
}

internal sealed class ServiceRootLinksDto
{
    public ODataLinkDto? Sessions { get; set; }
}

internal sealed class CollectionDto
{
    public List<ODataLinkDto?>? Members { get; set; }
}

internal sealed class ComputerSystemDto
{
    [JsonPropertyName("@odata.id")]
    public string? ODataId { get; set; }

    [JsonPropertyName("@odata.etag")]
    public string? ODataETag { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Manufacturer { get; set; }

    public string? Model { get; set; }

    public string? SerialNumber { get; set; }

    public string? UUID { get; set; }

    public string? PowerState { get; set; }

    public BootDto? Boot { get; set; }

    public ComputerSystemActionsDto? Actions { get; set; }

    public ODataLinkDto? VirtualMedia { get; set; }

    public ComputerSystemLinksDto? Links { get; set; }
}

internal sealed class ComputerSystemLinksDto
{
    public List<ODataLinkDto?>? ManagedBy { get; set; }
}

internal sealed class BootDto
{
    public string? BootSourceOverrideEnabled { get; set; }

    public string? BootSourceOverrideTarget { get; set; }

    public string? BootSourceOverrideMode { get; set; }

    [JsonPropertyName("BootSourceOverrideTarget@Redfish.AllowableValues")]
    public List<string?>? AllowedTargets { get; set; }
}

internal sealed class ComputerSystemActionsDto
{
    [JsonPropertyName("#ComputerSystem.Reset")]
    public ResetActionDto? Reset { get; set; }
}

internal sealed class ResetActionDto
{
    [JsonPropertyName("target")]
    public string? Target { get; set; }

    [JsonPropertyName("ResetType@Redfish.AllowableValues")]
    public List<string?>? AllowedResetTypes { get; set; }

    [JsonPropertyName("@Redfish.ActionInfo")]
    public string? ActionInfo { get; set; }
}

internal sealed class ActionInfoDto
{
    public List<ActionParameterDto?>? Parameters { get; set; }
}

internal sealed class ActionParameterDto
{
    public string? Name { get; set; }

    public List<string?>? AllowableValues { get; set; }
}

internal sealed class VirtualMediaDto
{
    [JsonPropertyName("@odata.id")]
    public string? ODataId { get; set; }

    public string? Id { get; set; }

    public List<string?>? MediaTypes { get; set; }

    public string? Image { get; set; }

    public bool? Inserted { get; set; }

    public VirtualMediaActionsDto? Actions { get; set; }
}

internal sealed class VirtualMediaActionsDto
{
    [JsonPropertyName("#VirtualMedia.InsertMedia")]
    public ActionTargetDto? InsertMedia { get; set; }

    [JsonPropertyName("#VirtualMedia.EjectMedia")]
    public ActionTargetDto? EjectMedia { get; set; }
}

internal sealed class ActionTargetDto
{
    [JsonPropertyName("target")]
    public string? Target { get; set; }
}

internal sealed class TaskDto
{
    public string? Id { get; set; }

    public string? TaskState { get; set; }

    public string? TaskStatus { get; set; }

    public List<MessageDto?>? Messages { get; set; }
}

internal sealed class ErrorResponseDto
{
    [JsonPropertyName("error")]
    public ErrorBodyDto? Error { get; set; }
}

internal sealed class ErrorBodyDto
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("@Message.ExtendedInfo")]
    public List<MessageDto?>? ExtendedInfo { get; set; }
}

internal sealed class MessageDto
{
    public string? MessageId { get; set; }

    public string? Message { get; set; }

    public string? Severity { get; set; }

    public string? Resolution { get; set; }
}

internal sealed class SessionRequestDto
{
    public required string UserName { get; set; }

    public required string Password { get; set; }
}

internal sealed class ResetRequestDto
{
    public required string ResetType { get; set; }
}

internal sealed class BootPatchDto
{
    public required BootPatchBodyDto Boot { get; set; }
}

internal sealed class BootPatchBodyDto
{
    public string? BootSourceOverrideTarget { get; set; }

    public string? BootSourceOverrideEnabled { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BootSourceOverrideMode { get; set; }
}

internal sealed class InsertMediaRequestDto
{
    public required string Image { get; set; }

    public bool Inserted { get; set; } = true;

    public bool WriteProtected { get; set; } = true;
}

internal sealed class EmptyRequestDto
{
}

internal sealed class ManagerDto
{
    public ODataLinkDto? VirtualMedia { get; set; }
}

internal sealed class SessionDto
{
    [JsonPropertyName("@odata.id")]
    public string? ODataId { get; set; }
}
