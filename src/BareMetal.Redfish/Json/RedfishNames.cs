namespace BareMetal.Redfish.Json;

/// <summary>The enum values' spellings on the wire (DMTF schema enumerations, case-sensitive).</summary>
internal static class RedfishNames
{
    public static string Of(ResetType value) => value switch
    {
        ResetType.On => "On",
        ResetType.ForceOff => "ForceOff",
        ResetType.GracefulShutdown => "GracefulShutdown",
        ResetType.GracefulRestart => "GracefulRestart",
        ResetType.ForceRestart => "ForceRestart",
        ResetType.PowerCycle => "PowerCycle",
        ResetType.ForceOn => "ForceOn",
        ResetType.PushPowerButton => "PushPowerButton",
        ResetType.Nmi => "Nmi",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a ResetType."),
    };

    public static string Of(BootSource value) => value switch
    {
        BootSource.None => "None",
        BootSource.Pxe => "Pxe",
        BootSource.Hdd => "Hdd",
        BootSource.Cd => "Cd",
        BootSource.UefiHttp => "UefiHttp",
        BootSource.Usb => "Usb",
        BootSource.BiosSetup => "BiosSetup",
        BootSource.UefiShell => "UefiShell",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a BootSource."),
    };

    public static string Of(BootOverrideEnabled value) => value switch
    {
        BootOverrideEnabled.Disabled => "Disabled",
        BootOverrideEnabled.Once => "Once",
        BootOverrideEnabled.Continuous => "Continuous",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a BootOverrideEnabled."),
    };

    public static string Of(BootSourceMode value) => value switch
    {
        BootSourceMode.Legacy => "Legacy",
        BootSourceMode.Uefi => "UEFI",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a BootSourceMode that can be sent."),
    };

    public static PowerState PowerStateOf(string? text) => text switch
    {
        "On" => PowerState.On,
        "Off" => PowerState.Off,
        "PoweringOn" => PowerState.PoweringOn,
        "PoweringOff" => PowerState.PoweringOff,
        "Paused" => PowerState.Paused,
        _ => PowerState.Unknown,
    };

    public static BootSource BootSourceOf(string? text) => text switch
    {
        "Pxe" => BootSource.Pxe,
        "Hdd" => BootSource.Hdd,
        "Cd" => BootSource.Cd,
        "UefiHttp" => BootSource.UefiHttp,
        "Usb" => BootSource.Usb,
        "BiosSetup" => BootSource.BiosSetup,
        "UefiShell" => BootSource.UefiShell,
        _ => BootSource.None,
    };

    public static BootOverrideEnabled EnabledOf(string? text) => text switch
    {
        "Once" => BootOverrideEnabled.Once,
        "Continuous" => BootOverrideEnabled.Continuous,
        _ => BootOverrideEnabled.Disabled,
    };

    public static BootSourceMode ModeOf(string? text) => text switch
    {
        "Legacy" => BootSourceMode.Legacy,
        "UEFI" => BootSourceMode.Uefi,
        _ => BootSourceMode.Unknown,
    };
}
