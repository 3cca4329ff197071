using System.Text.Json.Serialization;
using BareMetal.LabAgent.Actions.Facts;
using BareMetal.LabAgent.Actions.Oci;
using BareMetal.LabAgent.Actions.Partitioning;

namespace BareMetal.LabAgent.Actions;

/// <summary>
/// Source-generated JSON metadata for every action's parameters and output (the agent is Native AOT: no reflection).
/// Names are camelCase and matched case-insensitively; unknown fields are ignored so the host may send newer ones.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true, WriteIndented = false)]
[JsonSerializable(typeof(StreamImageParameters))]
[JsonSerializable(typeof(PartitionParameters))]
[JsonSerializable(typeof(ExecParameters))]
[JsonSerializable(typeof(WriteFileParameters))]
[JsonSerializable(typeof(HardwareFacts))]
[JsonSerializable(typeof(KexecParameters))]
[JsonSerializable(typeof(OciParameters))]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciImageConfig))]
public sealed partial class ActionJsonContext : JsonSerializerContext
{
}
