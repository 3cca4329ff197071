using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BareMetal.Redfish.Json;

/// <summary>
/// Turns untrusted response bodies into the public model. Never throws: malformed JSON or a wrong JSON type
/// yields <see cref="RedfishErrorKind.MalformedJson"/>, a missing property <see cref="RedfishErrorKind.MissingProperty"/>
/// naming it, each with the resource path.
/// </summary>
internal static class RedfishJsonReader
{
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type, string resource, out T value, out RedfishError? error)
        where T : class
    {
        value = null!;
        error = null;
        if (body.IsEmpty)
        {
            error = new RedfishError(RedfishErrorKind.MalformedJson, "the body is empty where a JSON object was expected", resource);
            return false;
        }

        try
        {
            var result = JsonSerializer.Deserialize(body, type);
            if (result is null)
            {
                error = new RedfishError(RedfishErrorKind.MalformedJson, "the body is JSON null where an object was expected", resource);
                return false;
            }

            value = result;
            return true;
        }
        catch (JsonException exception)
        {
            // The exception's message names the JSON path and position, never data outside the body.
            error = new RedfishError(RedfishErrorKind.MalformedJson, "the body is not the expected JSON: " + exception.Message, resource);
            return false;
        }
    }

    public static bool TryReadServiceRoot(ReadOnlySpan<byte> body, string resource, out ServiceRoot root, out RedfishError? error)
    {
        root = null!;
        if (!TryDeserialize(body, RedfishJsonContext.Default.ServiceRootDto, resource, out var dto, out error))
        {
            return false;
        }

        // DSP0266 §13.3.4: the sessions collection is Links.Sessions; older services only have it under SessionService.
        var sessions = dto.Links?.Sessions?.Id;
        if (sessions is null && dto.SessionService?.Id is { } service)
        {
            sessions = service.TrimEnd('/') + "/Sessions";
        }

        root = new ServiceRoot
        {
            RedfishVersion = dto.RedfishVersion,
            Uuid = dto.UUID,
            Vendor = dto.Vendor,
            Product = dto.Product,
            SystemsPath = dto.Systems?.Id,
            ManagersPath = dto.Managers?.Id,
            SessionsPath = sessions,
        };
        return true;
    }

    public static bool TryReadCollection(ReadOnlySpan<byte> body, string resource, out IReadOnlyList<string> members, out RedfishError? error)
    {
        members = [];
        if (!TryDeserialize(body, RedfishJsonContext.Default.CollectionDto, resource, out var dto, out error))
        {
            return false;
        }

        if (dto.Members is null)
        {
            error = Missing("Members", resource);
            return false;
        }

        var paths = new List<string>(dto.Members.Count);
        foreach (var member in dto.Members)
        {
            if (member?.Id is not { Length: > 0 } id)
            {
                error = Missing("Members[].@odata.id", resource);
                return false;
            }

            paths.Add(id);
        }

        members = paths;
        return true;
    }

    public static bool TryReadComputerSystem(ReadOnlySpan<byte> body, string resource, string? etagHeader, out ComputerSystem system, out RedfishError? error)
    {
        system = null!;
        if (!TryDeserialize(body, RedfishJsonContext.Default.ComputerSystemDto, resource, out var dto, out error))
        {
            return false;
        }

        if (dto.Id is null)
        {
            error = Missing("Id", resource);
            return false;
        }

        var reset = dto.Actions?.Reset;
        BootOverride? boot = null;
        if (dto.Boot is { } b)
        {
            boot = new BootOverride(
                RedfishNames.BootSourceOf(b.BootSourceOverrideTarget),
                b.BootSourceOverrideTarget,
                RedfishNames.EnabledOf(b.BootSourceOverrideEnabled),
                RedfishNames.ModeOf(b.BootSourceOverrideMode),
                Strings(b.AllowedTargets));
        }

        system = new ComputerSystem
        {
            Path = dto.ODataId ?? resource,
            Id = dto.Id,
            Name = dto.Name,
            Manufacturer = dto.Manufacturer,
            Model = dto.Model,
            SerialNumber = dto.SerialNumber,
            Uuid = dto.UUID,
            PowerState = RedfishNames.PowerStateOf(dto.PowerState),
            Boot = boot,
            ResetTarget = reset?.Target,
            AllowedResetTypes = Strings(reset?.AllowedResetTypes),
            ResetActionInfo = reset?.ActionInfo,
            VirtualMediaPath = dto.VirtualMedia?.Id,
            ManagedBy = dto.Links?.ManagedBy?.Select(m => m?.Id).OfType<string>().ToArray() ?? [],
            // RFC 9110 §8.8.3: the header is the validator; @odata.etag (DSP0266 §9.6) mirrors it in the body.
            ETag = etagHeader ?? dto.ODataETag,
        };
        return true;
    }

    public static bool TryReadActionInfoValues(ReadOnlySpan<byte> body, string resource, string parameter, out IReadOnlyList<string> values, out RedfishError? error)
    {
        values = [];
        if (!TryDeserialize(body, RedfishJsonContext.Default.ActionInfoDto, resource, out var dto, out error))
        {
            return false;
        }

        var match = dto.Parameters?.FirstOrDefault(p => p?.Name == parameter);
        if (match is null)
        {
            error = Missing($"Parameters[Name={parameter}]", resource);
            return false;
        }

        values = Strings(match.AllowableValues);
        return true;
    }

    public static bool TryReadVirtualMedia(ReadOnlySpan<byte> body, string resource, out VirtualMediaDevice device, out RedfishError? error)
    {
        device = null!;
        if (!TryDeserialize(body, RedfishJsonContext.Default.VirtualMediaDto, resource, out var dto, out error))
        {
            return false;
        }

        if (dto.Id is null)
        {
            error = Missing("Id", resource);
            return false;
        }

        device = new VirtualMediaDevice
        {
            Path = dto.ODataId ?? resource,
            Id = dto.Id,
            MediaTypes = Strings(dto.MediaTypes),
            Inserted = dto.Inserted ?? false,
            Image = dto.Image,
            InsertTarget = dto.Actions?.InsertMedia?.Target,
            EjectTarget = dto.Actions?.EjectMedia?.Target,
        };
        return true;
    }

    public static bool TryReadTask(ReadOnlySpan<byte> body, string resource, out string? taskState, out IReadOnlyList<RedfishMessage> messages)
    {
        taskState = null;
        messages = [];
        if (body.IsEmpty || !TryDeserialize(body, RedfishJsonContext.Default.TaskDto, resource, out var dto, out _))
        {
            return false;
        }

        taskState = dto.TaskState;
        messages = Messages(dto.Messages);
        return dto.TaskState is not null;
    }

    /// <summary>
    /// The messages of a Redfish error body (DSP0266 §9.6.1: <c>error.@Message.ExtendedInfo</c>, else
    /// <c>error.message</c>); empty when the body is no such object (a proxy's HTML page, nothing at all).
    /// </summary>
    public static IReadOnlyList<RedfishMessage> ErrorMessages(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || !TryDeserialize(body, RedfishJsonContext.Default.ErrorResponseDto, string.Empty, out var dto, out _) || dto.Error is null)
        {
            return [];
        }

        var extended = Messages(dto.Error.ExtendedInfo);
        if (extended.Count > 0)
        {
            return extended;
        }

        return dto.Error.Message is null && dto.Error.Code is null ? [] : [new RedfishMessage(dto.Error.Code, dto.Error.Message, null, null)];
    }

    private static List<RedfishMessage> Messages(List<MessageDto?>? list) =>
        list?.OfType<MessageDto>().Select(m => new RedfishMessage(m.MessageId, m.Message, m.Severity, m.Resolution)).ToList() ?? [];

    private static string[] Strings(List<string?>? list) => list?.OfType<string>().ToArray() ?? [];

    private static RedfishError Missing(string property, string resource) =>
        new(RedfishErrorKind.MissingProperty, $"the answer lacks '{property}'", resource);
}
