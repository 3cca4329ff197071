using System.Text.Json.Serialization;

namespace BareMetal.Redfish.Json;

/// <summary>
/// Source-generated (de)serializers for the wire shapes: no reflection, so the package stays AOT- and trim-safe.
/// Redfish property names are case-sensitive (DSP0266 §7.2), so the reader matches them exactly.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = 64)]
[JsonSerializable(typeof(ServiceRootDto))]
[JsonSerializable(typeof(CollectionDto))]
[JsonSerializable(typeof(ComputerSystemDto))]
[JsonSerializable(typeof(ActionInfoDto))]
[JsonSerializable(typeof(VirtualMediaDto))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(ErrorResponseDto))]
[JsonSerializable(typeof(SessionRequestDto))]
[JsonSerializable(typeof(ResetRequestDto))]
[JsonSerializable(typeof(BootPatchDto))]
[JsonSerializable(typeof(InsertMediaRequestDto))]
[JsonSerializable(typeof(EmptyRequestDto))]
[JsonSerializable(typeof(ManagerDto))]
[JsonSerializable(typeof(SessionDto))]
internal sealed partial class RedfishJsonContext : JsonSerializerContext
{
}
