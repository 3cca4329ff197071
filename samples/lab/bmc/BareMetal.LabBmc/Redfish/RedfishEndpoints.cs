using System.Text.Json;
using System.Text.Json.Nodes;
using BareMetal.LabBmc.Configuration;
using BareMetal.LabBmc.Machines;

namespace BareMetal.LabBmc.Redfish;

/// <summary>The Redfish resources: service root, sessions, systems (power, reset, boot override), virtual media, tasks.</summary>
public static class RedfishEndpoints
{
    private const string Root = "/redfish/v1";
    private const string Sessions = Root + "/SessionService/Sessions";
    private const string Systems = Root + "/Systems";

    public static void Map(WebApplication app, BmcConfiguration configuration, MachineSet machines)
    {
        app.MapGet("/redfish", () => Results.Json(new Dictionary<string, string> { ["v1"] = Root + "/" }));
        // One endpoint serves /redfish/v1 and /redfish/v1/: routing ignores the trailing slash.
        app.MapGet(Root + "/", ServiceRoot);
        app.MapGet(Root + "/odata", () => RedfishJson.Ok(new JsonObject
        {
            ["@odata.context"] = Root + "/$metadata",
            ["value"] = new JsonArray(
                new JsonObject { ["name"] = "Systems", ["kind"] = "Singleton", ["url"] = Systems },
                new JsonObject { ["name"] = "SessionService", ["kind"] = "Singleton", ["url"] = Root + "/SessionService" }),
        }));

        app.MapGet(Root + "/SessionService", () => RedfishJson.Ok(new JsonObject
        {
            ["@odata.id"] = Root + "/SessionService",
            ["@odata.type"] = "#SessionService.v1_1_9.SessionService",
            ["Id"] = "SessionService",
            ["Name"] = "Session Service",
            ["ServiceEnabled"] = true,
            ["SessionTimeout"] = (int)SessionStore.Timeout.TotalSeconds,
            ["Sessions"] = RedfishJson.Link(Sessions),
        }));
        app.MapGet(Sessions, (SessionStore store) =>
            RedfishJson.Ok(RedfishJson.Collection(Sessions, "#SessionCollection.SessionCollection", "Sessions", store.All.Select(s => $"{Sessions}/{s.Id}"))));
        app.MapPost(Sessions, CreateSession);
        app.MapGet(Sessions + "/{id}", (string id, SessionStore store) =>
            store.All.FirstOrDefault(s => s.Id == id) is { } s ? RedfishJson.Ok(SessionBody(s)) : NotFound($"{Sessions}/{id}"));
        app.MapDelete(Sessions + "/{id}", (string id, SessionStore store) => store.Delete(id) ? RedfishJson.NoContent() : NotFound($"{Sessions}/{id}"));

        app.MapGet(Systems, () =>
            RedfishJson.Ok(RedfishJson.Collection(Systems, "#ComputerSystemCollection.ComputerSystemCollection", "Computer System Collection", machines.Redfish.Select(m => $"{Systems}/{m.Id}"))));
        app.MapGet(Systems + "/{id}", async (string id, CancellationToken ct) =>
            machines.FindRedfish(id) is { } m ? RedfishJson.Ok(await SystemBody(m, configuration, ct), etag: m.ETag) : NotFound($"{Systems}/{id}"));
        app.MapMethods(Systems + "/{id}", ["PATCH"], PatchSystem);
        app.MapPost(Systems + "/{id}/Actions/ComputerSystem.Reset", Reset);
        app.MapGet(Systems + "/{id}/ResetActionInfo", (string id) => machines.FindRedfish(id) is { } m
            ? RedfishJson.Ok(new JsonObject
            {
                ["@odata.id"] = $"{Systems}/{m.Id}/ResetActionInfo",
                ["@odata.type"] = "#ActionInfo.v1_4_2.ActionInfo",
                ["Id"] = "ResetActionInfo",
                ["Name"] = "Reset Action Info",
                ["Parameters"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "ResetType",
                    ["Required"] = true,
                    ["DataType"] = "String",
                    ["AllowableValues"] = RedfishJson.Strings(configuration.ResetTypes),
                }),
            })
            : NotFound($"{Systems}/{id}/ResetActionInfo"));

        app.MapGet(Systems + "/{id}/VirtualMedia", (string id) => machines.FindRedfish(id) is { Configuration.VirtualMedia: true } m
            ? RedfishJson.Ok(RedfishJson.Collection($"{Systems}/{m.Id}/VirtualMedia", "#VirtualMediaCollection.VirtualMediaCollection", "Virtual Media", [$"{Systems}/{m.Id}/VirtualMedia/Cd1"]))
            : NotFound($"{Systems}/{id}/VirtualMedia"));
        app.MapGet(Systems + "/{id}/VirtualMedia/Cd1", (string id) => machines.FindRedfish(id) is { Configuration.VirtualMedia: true } m
            ? RedfishJson.Ok(VirtualMediaBody(m))
            : NotFound($"{Systems}/{id}/VirtualMedia/Cd1"));
        app.MapPost(Systems + "/{id}/VirtualMedia/Cd1/Actions/VirtualMedia.InsertMedia", InsertMedia);
        app.MapPost(Systems + "/{id}/VirtualMedia/Cd1/Actions/VirtualMedia.EjectMedia", async (string id, CancellationToken ct) =>
        {
            if (machines.FindRedfish(id) is not { Configuration.VirtualMedia: true } m)
            {
                return NotFound($"{Systems}/{id}/VirtualMedia/Cd1");
            }

            await m.EjectMediaAsync(ct);
            return RedfishJson.NoContent();
        });

        app.MapGet(Root + "/Managers", () => RedfishJson.Ok(RedfishJson.Collection(Root + "/Managers", "#ManagerCollection.ManagerCollection", "Managers", [Root + "/Managers/bmc"])));
        app.MapGet(Root + "/Managers/bmc", () => RedfishJson.Ok(new JsonObject
        {
            ["@odata.id"] = Root + "/Managers/bmc",
            ["@odata.type"] = "#Manager.v1_19_0.Manager",
            ["Id"] = "bmc",
            ["Name"] = "baremetal-lab-bmc",
            ["ManagerType"] = "BMC",
            ["Links"] = new JsonObject { ["ManagerForServers"] = new JsonArray([.. machines.Redfish.Select(m => (JsonNode)RedfishJson.Link($"{Systems}/{m.Id}"))]) },
        }));

        app.MapGet(Root + "/TaskService", () => RedfishJson.Ok(new JsonObject
        {
            ["@odata.id"] = Root + "/TaskService",
            ["@odata.type"] = "#TaskService.v1_2_1.TaskService",
            ["Id"] = "TaskService",
            ["Name"] = "Task Service",
            ["Tasks"] = RedfishJson.Link(Root + "/TaskService/Tasks"),
        }));
        app.MapGet(Root + "/TaskService/Tasks", (TaskStore tasks) =>
            RedfishJson.Ok(RedfishJson.Collection(Root + "/TaskService/Tasks", "#TaskCollection.TaskCollection", "Tasks", tasks.All.Select(t => $"{Root}/TaskService/Tasks/{t.Id}"))));
        app.MapGet(Root + "/TaskService/Tasks/{id}", (string id, TaskStore tasks) =>
            tasks.Find(id) is { } t ? RedfishJson.Ok(TaskBody(t)) : NotFound($"{Root}/TaskService/Tasks/{id}"));
        // DSP0266 §12.2: the monitor answers 202 while the task runs, then the operation's result.
        app.MapGet(Root + "/TaskService/TaskMonitors/{id}", (string id, TaskStore tasks, HttpContext context) =>
        {
            if (tasks.Find(id) is not { } t)
            {
                return NotFound($"{Root}/TaskService/TaskMonitors/{id}");
            }

            if (t.State == "Running")
            {
                context.Response.Headers.RetryAfter = "1";
                return RedfishJson.Ok(TaskBody(t), 202, location: $"{Root}/TaskService/TaskMonitors/{t.Id}");
            }

            return RedfishJson.Ok(TaskBody(t));
        });
    }

    private static IResult ServiceRoot(MachineSet machines) => RedfishJson.Ok(new JsonObject
    {
        ["@odata.id"] = Root + "/",
        ["@odata.type"] = "#ServiceRoot.v1_16_0.ServiceRoot",
        ["Id"] = "RootService",
        ["Name"] = "Root Service",
        ["RedfishVersion"] = "1.18.0",
        ["UUID"] = machines.ServiceUuid,
        ["Vendor"] = "BareMetal.Protocols",
        ["Product"] = "baremetal-lab-bmc (QEMU)",
        ["Systems"] = RedfishJson.Link(Systems),
        ["Managers"] = RedfishJson.Link(Root + "/Managers"),
        ["SessionService"] = RedfishJson.Link(Root + "/SessionService"),
        ["TaskService"] = RedfishJson.Link(Root + "/TaskService"),
        ["Links"] = new JsonObject { ["Sessions"] = RedfishJson.Link(Sessions) },
    });

    private static async Task<IResult> CreateSession(HttpContext context, SessionStore store, ILoggerFactory loggers)
    {
        var body = await ReadObjectAsync(context);
        var user = body?["UserName"]?.GetValueKind() == JsonValueKind.String ? body["UserName"]!.GetValue<string>() : null;
        var password = body?["Password"]?.GetValueKind() == JsonValueKind.String ? body["Password"]!.GetValue<string>() : null;
        if (user is null || password is null)
        {
            return RedfishJson.Error(400, "PropertyMissing", "The property UserName or Password is a required property and must be included in the request.");
        }

        if (!store.CheckPassword(user, password))
        {
            // The password is never logged, not even a wrong one.
            BmcLog.LoginRefused(loggers.CreateLogger("Sessions"), user);
            return RedfishJson.Error(401, "ResourceAtUriUnauthorized", $"While accessing the resource at '{Sessions}', the service received an authorization error 'invalid user name or password'.");
        }

        var session = store.Create();
        context.Response.Headers["X-Auth-Token"] = session.Token;
        return RedfishJson.Ok(SessionBody(session), 201, location: $"{Sessions}/{session.Id}");
    }

    private static JsonObject SessionBody(SessionStore.Session s) => new()
    {
        ["@odata.id"] = $"{Sessions}/{s.Id}",
        ["@odata.type"] = "#Session.v1_7_1.Session",
        ["Id"] = s.Id,
        ["Name"] = "User Session",
        ["UserName"] = s.UserName,
    };

    private static async Task<JsonObject> SystemBody(QemuMachine m, BmcConfiguration configuration, CancellationToken ct)
    {
        var path = $"{Systems}/{m.Id}";
        var system = new JsonObject
        {
            ["@odata.id"] = path,
            ["@odata.type"] = "#ComputerSystem.v1_22_0.ComputerSystem",
            ["@odata.etag"] = m.ETag,
            ["Id"] = m.Id,
            ["Name"] = m.Configuration.Name ?? m.Id,
            ["SystemType"] = "Virtual",
            ["Manufacturer"] = "QEMU",
            ["Model"] = m.Configuration.Firmware == "uefi" ? "q35 (OVMF)" : "q35 (SeaBIOS)",
            ["PowerState"] = await m.GetPowerStateAsync(ct),
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
            ["Boot"] = new JsonObject
            {
                ["BootSourceOverrideEnabled"] = m.BootEnabled,
                ["BootSourceOverrideTarget"] = m.BootTarget,
                ["BootSourceOverrideTarget@Redfish.AllowableValues"] = RedfishJson.Strings(m.AllowedBootTargets),
                ["BootSourceOverrideMode"] = m.Configuration.Firmware == "uefi" ? "UEFI" : "Legacy",
            },
            ["Actions"] = new JsonObject
            {
                ["#ComputerSystem.Reset"] = new JsonObject
                {
                    ["target"] = $"{path}/Actions/ComputerSystem.Reset",
                    ["ResetType@Redfish.AllowableValues"] = RedfishJson.Strings(configuration.ResetTypes),
                    ["@Redfish.ActionInfo"] = $"{path}/ResetActionInfo",
                },
            },
            ["Links"] = new JsonObject { ["ManagedBy"] = new JsonArray(RedfishJson.Link(Root + "/Managers/bmc")) },
            // What QEMU really runs: for the lab's logs and for tests that check the command line in /proc.
            ["Oem"] = new JsonObject
            {
                ["BareMetalLab"] = new JsonObject
                {
                    ["ProcessId"] = m.ProcessId,
                    ["RunningBoot"] = m.RunningBoot,
                    ["Mac"] = m.Configuration.Nic?.Mac,
                },
            },
        };
        if (m.Configuration.VirtualMedia)
        {
            system["VirtualMedia"] = RedfishJson.Link($"{path}/VirtualMedia");
        }

        return system;
    }

    private static async Task<IResult> PatchSystem(string id, HttpContext context, MachineSet machines)
    {
        var path = $"{Systems}/{id}";
        if (machines.FindRedfish(id) is not { } m)
        {
            return NotFound(path);
        }

        // RFC 9110 §13.1.1: If-Match with the current ETag (or *) or no If-Match at all.
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && !ifMatch.Split(',').Select(e => e.Trim()).Contains(m.ETag))
        {
            return RedfishJson.Error(412, "PreconditionFailed", $"The ETag supplied did not match the ETag required to change this resource ({path}).", "Try the operation again using the appropriate ETag.");
        }

        var body = await ReadObjectAsync(context);
        if (body is null)
        {
            return RedfishJson.Error(400, "MalformedJSON", "The request body submitted was malformed JSON and could not be parsed by the receiving service.");
        }

        foreach (var (name, _) in body)
        {
            if (name != "Boot")
            {
                return RedfishJson.Error(400, "PropertyNotWritable", $"The property {name} is a read only property and cannot be assigned a value.");
            }
        }

        if (body["Boot"] is not JsonObject boot)
        {
            return RedfishJson.Error(400, "PropertyValueTypeError", "The value for the property Boot is of a different type than the property can accept.");
        }

        var target = String(boot, "BootSourceOverrideTarget") ?? m.BootTarget;
        var enabled = String(boot, "BootSourceOverrideEnabled") ?? (m.BootEnabled == "Disabled" ? "Once" : m.BootEnabled);
        var mode = String(boot, "BootSourceOverrideMode");
        if (!m.AllowedBootTargets.Contains(target))
        {
            return RedfishJson.Error(400, "PropertyValueNotInList", $"The value '{target}' for the property BootSourceOverrideTarget is not in the list of acceptable values.", "Choose a value from BootSourceOverrideTarget@Redfish.AllowableValues.");
        }

        if (enabled is not ("Disabled" or "Once" or "Continuous"))
        {
            return RedfishJson.Error(400, "PropertyValueNotInList", $"The value '{enabled}' for the property BootSourceOverrideEnabled is not in the list of acceptable values.");
        }

        var firmwareMode = m.Configuration.Firmware == "uefi" ? "UEFI" : "Legacy";
        if (mode is not null && mode != firmwareMode)
        {
            return RedfishJson.Error(400, "PropertyValueNotInList", $"The value '{mode}' for the property BootSourceOverrideMode is not in the list of acceptable values: this machine boots {firmwareMode} only.");
        }

        m.SetBootOverride(target, enabled);
        context.Response.Headers.ETag = m.ETag;
        return RedfishJson.NoContent();
    }

    private static async Task<IResult> Reset(string id, HttpContext context, MachineSet machines, BmcConfiguration configuration, TaskStore tasks)
    {
        if (machines.FindRedfish(id) is not { } m)
        {
            return NotFound($"{Systems}/{id}");
        }

        var body = await ReadObjectAsync(context);
        var resetType = body is null ? null : String(body, "ResetType");
        if (resetType is null)
        {
            return RedfishJson.Error(400, "ActionParameterMissing", "The action ComputerSystem.Reset requires the parameter ResetType to be present in the request body.");
        }

        if (!configuration.ResetTypes.Contains(resetType))
        {
            return RedfishJson.Error(400, "ActionParameterValueNotInList",
                $"The value '{resetType}' for the parameter ResetType in the action ComputerSystem.Reset is not in the list of acceptable values.",
                "Choose a value from ResetType@Redfish.AllowableValues.");
        }

        try
        {
            return await ResetMachineAsync(m, resetType, configuration, tasks, context.RequestAborted);
        }
        catch (Exception exception) when (exception is QmpException or InvalidOperationException)
        {
            // QEMU would not start, or QMP failed: a BMC answers 500 with its reason rather than dropping the request.
            return RedfishJson.Error(500, "InternalError", $"The request failed due to an internal service error: {exception.Message}");
        }
    }

    private static async Task<IResult> ResetMachineAsync(QemuMachine m, string resetType, BmcConfiguration configuration, TaskStore tasks, CancellationToken ct)
    {
        switch (resetType)
        {
            case "On" or "ForceOn":
                await m.PowerOnAsync(ct);
                return RedfishJson.NoContent();
            case "ForceOff":
                await m.ForceOffAsync(ct);
                return RedfishJson.NoContent();
            case "ForceRestart" or "GracefulRestart":
                // QEMU has no ACPI "restart" request; GracefulRestart, if configured, is a reset like ForceRestart.
                await m.ForceRestartAsync(ct);
                return RedfishJson.NoContent();
            case "GracefulShutdown":
                var timeout = TimeSpan.FromSeconds(configuration.GracefulShutdownTimeoutSeconds);
                return Accepted(tasks.Start($"GracefulShutdown of {m.Id}", async token =>
                {
                    if (!await m.RequestShutdownAsync(token))
                    {
                        return null;
                    }

                    return await m.WaitForOffAsync(timeout, token) ? null : $"The guest of {m.Id} did not power off within {timeout.TotalSeconds:0} s of the ACPI power button.";
                }));
            case "PowerCycle":
                return Accepted(tasks.Start($"PowerCycle of {m.Id}", async token =>
                {
                    await m.PowerCycleAsync(token);
                    return null;
                }));
            default:
                return RedfishJson.Error(400, "ActionParameterNotSupported", $"The parameter ResetType value '{resetType}' is not supported by this emulator.");
        }
    }

    private static async Task<IResult> InsertMedia(string id, HttpContext context, MachineSet machines)
    {
        if (machines.FindRedfish(id) is not { Configuration.VirtualMedia: true } m)
        {
            return NotFound($"{Systems}/{id}/VirtualMedia/Cd1");
        }

        var body = await ReadObjectAsync(context);
        var image = body is null ? null : String(body, "Image");
        if (image is null || !Uri.TryCreate(image, UriKind.Absolute, out var uri) || uri.Scheme is not ("file" or "http" or "https"))
        {
            return RedfishJson.Error(400, "ActionParameterMissing", "The action VirtualMedia.InsertMedia requires the parameter Image: an absolute file, http or https URI.");
        }

        if (uri.IsFile && !File.Exists(uri.LocalPath))
        {
            return RedfishJson.Error(400, "ActionParameterValueError", $"The value '{image}' for the parameter Image is not a readable file.");
        }

        try
        {
            await m.InsertMediaAsync(uri.IsFile ? uri.LocalPath : uri.AbsoluteUri, context.RequestAborted);
        }
        catch (QmpException exception)
        {
            return RedfishJson.Error(500, "InternalError", $"The request failed due to an internal service error: {exception.Message}");
        }

        return RedfishJson.NoContent();
    }

    private static JsonObject VirtualMediaBody(QemuMachine m)
    {
        var path = $"{Systems}/{m.Id}/VirtualMedia/Cd1";
        return new JsonObject
        {
            ["@odata.id"] = path,
            ["@odata.type"] = "#VirtualMedia.v1_6_3.VirtualMedia",
            ["Id"] = "Cd1",
            ["Name"] = "Virtual CD",
            ["MediaTypes"] = RedfishJson.Strings(["CD", "DVD"]),
            ["Image"] = m.MediaImage,
            ["Inserted"] = m.MediaImage is not null,
            ["WriteProtected"] = true,
            ["ConnectedVia"] = m.MediaImage is null ? "NotConnected" : "URI",
            ["Actions"] = new JsonObject
            {
                ["#VirtualMedia.InsertMedia"] = new JsonObject { ["target"] = $"{path}/Actions/VirtualMedia.InsertMedia" },
                ["#VirtualMedia.EjectMedia"] = new JsonObject { ["target"] = $"{path}/Actions/VirtualMedia.EjectMedia" },
            },
        };
    }

    private static IResult Accepted(TaskStore.BmcTask task) =>
        RedfishJson.Ok(TaskBody(task), 202, location: $"{Root}/TaskService/TaskMonitors/{task.Id}");

    private static JsonObject TaskBody(TaskStore.BmcTask t) => new()
    {
        ["@odata.id"] = $"{Root}/TaskService/Tasks/{t.Id}",
        ["@odata.type"] = "#Task.v1_7_3.Task",
        ["Id"] = t.Id,
        ["Name"] = t.Name,
        ["TaskState"] = t.State,
        ["TaskStatus"] = t.State switch { "Completed" => "OK", "Running" => "OK", _ => "Critical" },
        ["StartTime"] = t.Started.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["TaskMonitor"] = $"{Root}/TaskService/TaskMonitors/{t.Id}",
        ["Messages"] = t.Message is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["MessageId"] = t.State == "Completed" ? "TaskEvent.1.0.TaskCompletedOK" : "TaskEvent.1.0.TaskAborted",
            ["Message"] = t.Message,
            ["Severity"] = t.State == "Completed" ? "OK" : "Critical",
        }),
    };

    private static IResult NotFound(string path) =>
        RedfishJson.Error(404, "ResourceNotFound", $"The requested resource of type Resource named '{path}' was not found.");

    private static string? String(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
