using System.Text.Json;
using System.Text.RegularExpressions;
using BareMetal.NetbootHost.Inventory;
using BareMetal.NetbootHost.Machines;
using BareMetal.NetbootHost.Workflows;

namespace BareMetal.NetbootHost.Api;

/// <summary>The JSON API under /api/v1 (docs/host-api.md).</summary>
internal static partial class ApiEndpoints
{
    private const int MaxEventBodyBytes = 64 * 1024;

    public static void MapMachineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/machines", ListMachines);
        api.MapGet("/machines/{mac}", GetMachine);
        api.MapGet("/machines/{mac}/workflow", GetWorkflow);
        api.MapPost("/machines/{mac}/events", PostEvent);
        api.MapPost("/machines/{mac}/reprovision", Reprovision);
        api.MapGet("/events", ListEvents);
        api.MapGet("/events/stream", StreamEvents);
        api.MapGet("/inventory", GetInventory);
    }

    /// <summary>The token of an "Authorization: Bearer TOKEN" header (RFC 6750 section 2.1), or null.</summary>
    public static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static IResult? RequireAdmin(HttpContext context, AccessTokens tokens, string? token = null)
    {
        token ??= BearerToken(context);
        if (token is null)
        {
            return Problems.Unauthorized(context, "send the admin token as 'Authorization: Bearer TOKEN' (--admin-token).");
        }

        return tokens.IsAdmin(token) ? null : Problems.Unauthorized(context, "the bearer token is not the admin token.");
    }

    private static IResult? RequireMachineOrAdmin(HttpContext context, AccessTokens tokens, string mac)
    {
        var token = BearerToken(context);
        if (token is null)
        {
            return Problems.Unauthorized(context, $"send 'Authorization: Bearer TOKEN' with the machine token of {mac} (baremetal.token on its kernel command line) or the admin token.");
        }

        return tokens.IsAdmin(token) || tokens.IsMachine(token, mac)
            ? null
            : Problems.Unauthorized(context, $"the bearer token is neither the machine token of {mac} nor the admin token.");
    }

    private static IResult ListMachines(HttpContext context, AccessTokens tokens, MachineViews views, int? events)
    {
        if (RequireAdmin(context, tokens) is { } denied)
        {
            return denied;
        }

        return Results.Ok(views.All(Math.Clamp(events ?? 20, 0, 500)));
    }

    private static IResult GetMachine(string mac, HttpContext context, AccessTokens tokens, MachineViews views, int? events)
    {
        if (!MacText.TryParse(mac, out var address))
        {
            return Problems.NotFound($"'{mac}' is not a MAC address, so no machine has it.");
        }

        var canonical = address.ToString();

        if (RequireMachineOrAdmin(context, tokens, canonical) is { } denied)
        {
            return denied;
        }

        return views.One(address, Math.Clamp(events ?? 100, 0, 1000)) is { } view
            ? Results.Ok(view)
            : Problems.NotFound($"no machine {canonical} is in the inventory or has been seen.");
    }

    /// <summary>
    /// Readable without a token: it is what a booting machine needs about itself, and the same data the
    /// machine's script already carries. Unknown MACs get 404.
    /// </summary>
    private static IResult GetWorkflow(string mac, MachineViews views, MachineStore store, WorkflowService workflows)
    {
        if (!MacText.TryParse(mac, out var address))
        {
            return Problems.NotFound($"'{mac}' is not a MAC address, so no machine has it.");
        }

        var canonical = address.ToString();

        if (!views.Exists(address))
        {
            return Problems.NotFound($"no machine {canonical} is in the inventory or has been seen.");
        }

        var actions = workflows.Pending(address).Select(a => new WorkflowActionView(
            a.Index,
            a.Type,
            a.Image,
            a.Image is null ? null : workflows.ImageUrl(a.Image),
            a.Target,
            a.Sha256,
            a.Message)).ToList();
        var state = (store.Get(canonical)?.State ?? MachineState.Waiting).ToText();
        return Results.Json(new WorkflowDocument(canonical, state, actions), JsonDefaults.Omitting);
    }

    private static async Task<IResult> PostEvent(string mac, HttpContext context, AccessTokens tokens, MachineViews views, WorkflowService workflows)
    {
        if (!MacText.TryParse(mac, out var address))
        {
            return Problems.NotFound($"'{mac}' is not a MAC address, so no machine has it.");
        }

        var canonical = address.ToString();

        if (RequireMachineOrAdmin(context, tokens, canonical) is { } denied)
        {
            return denied;
        }

        if (!views.Exists(address))
        {
            return Problems.NotFound($"no machine {canonical} is in the inventory or has been seen.");
        }

        if (context.Request.ContentLength > MaxEventBodyBytes)
        {
            return Problems.BadRequest($"the body is larger than {MaxEventBodyBytes} bytes.");
        }

        // A chunked body has no Content-Length: Kestrel enforces the same limit while reading.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxEventBodyBytes;
        }

        AgentEventBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<AgentEventBody>(context.Request.Body, JsonDefaults.Strict, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"the body is not valid JSON: {ex.Message} Send {{\"type\":\"...\",\"message\":\"...\",\"action\":0}}.");
        }
        catch (BadHttpRequestException ex)
        {
            return Problems.BadRequest($"the body could not be read: {ex.Message}");
        }

        if (body?.Type is null || !EventTypePattern().IsMatch(body.Type))
        {
            return Problems.BadRequest("\"type\" is required: a lowercase word such as agent-started, action-started, action-progress, action-completed, action-failed or workflow-completed.");
        }

        if (body.Message is { Length: > 4096 })
        {
            return Problems.BadRequest("\"message\" is longer than 4096 characters.");
        }

        if (body.Action is < 0)
        {
            return Problems.BadRequest("\"action\" is an action index (0 or more) from the workflow.");
        }

        if (workflows.Apply(address, body.Type, body.Message, body.Action) is { } error)
        {
            return Problems.BadRequest(error);
        }

        return Results.Accepted(value: new { mac = canonical, type = body.Type });
    }

    private static IResult Reprovision(string mac, HttpContext context, AccessTokens tokens, MachineViews views, WorkflowService workflows)
    {
        if (!MacText.TryParse(mac, out var address))
        {
            return Problems.NotFound($"'{mac}' is not a MAC address, so no machine has it.");
        }

        var canonical = address.ToString();

        if (RequireAdmin(context, tokens) is { } denied)
        {
            return denied;
        }

        if (!views.Exists(address))
        {
            return Problems.NotFound($"no machine {canonical} is in the inventory or has been seen.");
        }

        workflows.Reprovision(address);
        return Results.Accepted(value: new { mac = canonical });
    }

    private static IResult ListEvents(HttpContext context, AccessTokens tokens, MachineStore store, long? after, int? limit)
    {
        if (RequireAdmin(context, tokens) is { } denied)
        {
            return denied;
        }

        return Results.Ok(store.Events(null, Math.Clamp(limit ?? 200, 1, 2000), after ?? 0).Select(MachineViews.ToView));
    }

    /// <summary>
    /// Server-sent events (text/event-stream): one "machine-event" per recorded event. EventSource cannot
    /// send headers, so the admin token may come as ?access_token= (RFC 6750 section 2.3).
    /// </summary>
    private static async Task StreamEvents(HttpContext context, AccessTokens tokens, EventHub hub, MachineStore store, string? access_token)
    {
        if (RequireAdmin(context, tokens, BearerToken(context) ?? access_token) is { } denied)
        {
            await denied.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var ct = context.RequestAborted;

        // A reconnecting EventSource sends Last-Event-ID: replay what it missed, then follow live.
        var lastId = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), out var resumeFrom) ? resumeFrom : 0;
        await using var live = hub.SubscribeAsync(ct).GetAsyncEnumerator(ct);
        var pendingLive = live.MoveNextAsync();
        try
        {
            await response.WriteAsync(": connected\n\n", ct).ConfigureAwait(false);
            if (lastId > 0)
            {
                foreach (var missed in store.Events(null, 1000, lastId))
                {
                    await WriteEvent(response, missed, ct).ConfigureAwait(false);
                    lastId = missed.Id;
                }
            }

            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            while (true)
            {
                var next = pendingLive.AsTask();
                var finished = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(15), ct)).ConfigureAwait(false);
                if (finished != next)
                {
                    ct.ThrowIfCancellationRequested();
                    await response.WriteAsync(": keep-alive\n\n", ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                    pendingLive = new ValueTask<bool>(next);
                    continue;
                }

                if (!await next.ConfigureAwait(false))
                {
                    return;
                }

                if (live.Current.Id > lastId)
                {
                    await WriteEvent(response, live.Current, ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }

                pendingLive = live.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private static Task WriteEvent(HttpResponse response, MachineEvent machineEvent, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(MachineViews.ToView(machineEvent), JsonDefaults.Web);
        return response.WriteAsync($"id: {machineEvent.Id}\nevent: machine-event\ndata: {json}\n\n", ct);
    }

    private static IResult GetInventory(HttpContext context, AccessTokens tokens, InventoryStore inventory)
    {
        if (RequireAdmin(context, tokens) is { } denied)
        {
            return denied;
        }

        var current = inventory.Current;
        return Results.Ok(new InventoryView(
            inventory.FilePath,
            current.LoadedAt,
            current.Profiles.Keys.Order(StringComparer.Ordinal).ToList(),
            current.Machines.Count,
            current.DefaultProfile?.Name,
            inventory.LastErrors.Select(e => e.ToString()).ToList()));
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex EventTypePattern();
}

/// <summary>Serializer settings shared by the endpoints.</summary>
internal static class JsonDefaults
{
    /// <summary>camelCase, as every response.</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>camelCase without null members: the agent's workflow lists only the fields of each action type.</summary>
    public static readonly JsonSerializerOptions Omitting = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Request bodies: case-insensitive names, numbers must be numbers.</summary>
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };
}
