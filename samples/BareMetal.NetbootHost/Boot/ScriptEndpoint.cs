using BareMetal.NetbootHost.Api;
using BareMetal.NetbootHost.Configuration;
using BareMetal.NetbootHost.Inventory;
using BareMetal.NetbootHost.Machines;
using BareMetal.NetbootHost.Workflows;

namespace BareMetal.NetbootHost.Boot;

/// <summary>
/// GET /ipxe/{mac}: the script iPXE chains to. A machine with a profile and an unfinished workflow (or no
/// workflow) boots its profile's kernel with the agent parameters; a machine whose workflow completed boots
/// its disk; an unknown machine is recorded as discovered and boots the default profile if one is configured,
/// otherwise nothing.
/// </summary>
internal static class ScriptEndpoint
{
    public static void MapScripts(this IEndpointRouteBuilder app) =>
        app.MapGet("/ipxe/{mac}", Render).WithName("IpxeScript");

    private static IResult Render(
        string mac,
        string? platform,
        HttpContext context,
        InventoryStore inventory,
        MachineTimeline timeline,
        WorkflowService workflows,
        AccessTokens tokens,
        HostSettings settings,
        IBootScripts scripts)
    {
        if (!MacText.TryParse(mac, out var address))
        {
            return Problems.BadRequest($"'{mac}' is not a MAC address; request /ipxe/52:54:00:12:34:56 (iPXE: /ipxe/${{mac}}).");
        }

        var canonical = address.ToString();
        var remote = context.Connection.RemoteIpAddress is { } r && r.IsIPv4MappedToIPv6 ? r.MapToIPv4() : context.Connection.RemoteIpAddress;
        var snapshot = inventory.Current;
        var spec = snapshot.FindMachine(address);

        // iPXE's ${platform} in the query decides; without it, the firmware DHCP saw (option 93, RFC 4578 §2.1).
        var firmware = BootFirmwareText.FromIpxePlatform(platform);
        var efi = (firmware ?? timeline.Store.Get(canonical)?.Firmware) == BootFirmware.Uefi;

        if (spec is null)
        {
            if (snapshot.DefaultProfile is not { } fallback)
            {
                timeline.RecordBootStage(address, BootStageTypes.Script, BootStageSources.Http, "unknown machine asked for its script: no boot (not in the inventory, no default-profile)", remote, firmware: firmware);
                return Text(scripts.NoBoot($"{canonical} is not in the inventory"));
            }

            timeline.RecordBootStage(address, BootStageTypes.Script, BootStageSources.Http, $"unknown machine boots the default profile {fallback.Name}", remote, firmware: firmware);
            return Text(scripts.LinuxBoot(Plan(fallback, canonical, efi, settings, tokens, workflows)));
        }

        if (workflows.IsComplete(address))
        {
            var how = efi && spec.LocalBoot?.EfiLoaderUri is { } loader ? $" (chain {loader})" : "";
            timeline.RecordBootStage(address, BootStageTypes.Script, BootStageSources.Http, "workflow complete: boot from the local disk" + how, remote, firmware: firmware);
            return Text(scripts.LocalBoot(efi, $"{canonical} is installed", spec.LocalBoot));
        }

        var profile = snapshot.ProfileFor(spec);
        if (profile is null)
        {
            timeline.RecordBootStage(address, BootStageTypes.Script, BootStageSources.Http, "machine has no profile and there is no default-profile: no boot", remote, firmware: firmware);
            return Text(scripts.NoBoot($"{canonical} has no profile"));
        }

        var pending = workflows.Pending(address).Count;
        var message = pending > 0
            ? $"script: boot {profile.Name} ({(efi ? "EFI" : "BIOS")}) to run {pending} workflow action(s)"
            : $"script: boot {profile.Name} ({(efi ? "EFI" : "BIOS")})";
        timeline.RecordBootStage(address, BootStageTypes.Script, BootStageSources.Http, message, remote, firmware: firmware);
        if (pending > 0)
        {
            timeline.Store.SetState(canonical, MachineState.Provisioning, null);
        }

        return Text(scripts.LinuxBoot(Plan(profile, canonical, efi, settings, tokens, workflows)));
    }

    private static LinuxBootPlan Plan(BootProfile profile, string mac, bool efi, HostSettings settings, AccessTokens tokens, WorkflowService workflows)
    {
        var cmdline = string.Join(' ', new[]
        {
            profile.Cmdline.Trim(),
            $"baremetal.api={settings.BaseUrl}",
            $"baremetal.mac={mac}",
            $"baremetal.token={tokens.MachineToken(mac)}",
        }.Where(s => s.Length > 0));
        return new LinuxBootPlan(workflows.ImageUrl(profile.Kernel), profile.Initrds.Select(workflows.ImageUrl).ToList(), cmdline, efi);
    }

    private static IResult Text(string script) => Results.Text(script, "text/plain; charset=utf-8");
}
