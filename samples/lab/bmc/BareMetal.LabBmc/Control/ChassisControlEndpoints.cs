using BareMetal.LabBmc.Machines;

namespace BareMetal.LabBmc.Control;

/// <summary>
/// The plain-text control API on the unix socket, in the words of ipmi_sim's chassis-control program
/// (<c>power 0|1</c>, <c>reset</c>, <c>boot none|pxe|default</c>), so the IPMI lab machine is driven by ipmi_sim →
/// ipmi-chassis-control.sh → here → QEMU. File permissions on the socket are its only guard: it is not on the network.
/// </summary>
public static class ChassisControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, MachineSet machines)
    {
        var group = app.MapGroup("/control/{id}");
        group.MapGet("/power", async (string id, CancellationToken ct) =>
            machines.Find(id) is { } m ? Results.Text((await m.GetPowerStateAsync(ct)) is "Off" ? "0\n" : "1\n") : Unknown(id));
        group.MapPost("/power/{value}", async (string id, string value, CancellationToken ct) =>
        {
            if (machines.Find(id) is not { } m)
            {
                return Unknown(id);
            }

            switch (value)
            {
                case "1":
                    await m.PowerOnAsync(ct);
                    return Results.Text("ok\n");
                case "0":
                    await m.ForceOffAsync(ct);
                    return Results.Text("ok\n");
                default:
                    return Results.BadRequest("power takes 0 or 1\n");
            }
        });
        group.MapPost("/reset", async (string id, CancellationToken ct) =>
        {
            if (machines.Find(id) is not { } m)
            {
                return Unknown(id);
            }

            await m.ForceRestartAsync(ct);
            return Results.Text("ok\n");
        });
        group.MapGet("/boot", (string id) => machines.Find(id) is { } m
            ? Results.Text((m.BootEnabled, m.BootTarget) switch { ("Disabled", _) => "none\n", (_, "Pxe") => "pxe\n", _ => "default\n" })
            : Unknown(id));
        // IPMI "Set System Boot Options" (IPMI 2.0 §28.12) as ipmi_sim passes it: pxe, default (disk/no preference), none.
        group.MapPost("/boot/{value}", (string id, string value) =>
        {
            if (machines.Find(id) is not { } m)
            {
                return Unknown(id);
            }

            switch (value)
            {
                case "pxe":
                    m.SetBootOverride("Pxe", "Once");
                    return Results.Text("ok\n");
                case "default":
                    m.SetBootOverride(m.Configuration.Disk is null ? "None" : "Hdd", "Once");
                    return Results.Text("ok\n");
                case "none":
                    m.SetBootOverride("None", "Disabled");
                    return Results.Text("ok\n");
                default:
                    return Results.BadRequest("boot takes pxe, default or none\n");
            }
        });
    }

    private static IResult Unknown(string id) => Results.NotFound($"no machine '{id}'\n");
}
