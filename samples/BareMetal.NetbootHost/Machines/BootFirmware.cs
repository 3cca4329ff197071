namespace BareMetal.NetbootHost.Machines;

/// <summary>
/// The firmware a machine boots with, as far as the host knows it: from DHCP (option 93, RFC 4578 §2.1, and the
/// classifier's firmware kind) or from iPXE's <c>${platform}</c> in the script URL. Stored as <c>bios</c>/<c>uefi</c>.
/// </summary>
internal enum BootFirmware
{
    /// <summary>PC BIOS (legacy PXE, iPXE <c>pcbios</c>).</summary>
    Bios,

    /// <summary>UEFI (PXE, HTTP boot or iPXE <c>efi</c>).</summary>
    Uefi,
}

/// <summary>The one spelling of <see cref="BootFirmware"/> in the store, the API and the live page.</summary>
internal static class BootFirmwareText
{
    public static string ToText(this BootFirmware firmware) => firmware == BootFirmware.Uefi ? "uefi" : "bios";

    /// <summary>
    /// Reads a stored value. Besides <c>bios</c>/<c>uefi</c> it accepts what earlier versions of the host stored
    /// (the classifier's firmware kinds and iPXE's platform names), each by its exact spelling.
    /// </summary>
    public static BootFirmware? Parse(string? text) => text switch
    {
        "uefi" or "efi" or "UefiPxe" or "UefiHttp" => BootFirmware.Uefi,
        "bios" or "pcbios" or "LegacyPxe" => BootFirmware.Bios,
        _ => null,
    };

    /// <summary>iPXE's <c>${platform}</c> as the script URL carries it (<c>efi</c> or <c>pcbios</c>).</summary>
    public static BootFirmware? FromIpxePlatform(string? platform) => platform switch
    {
        "efi" => BootFirmware.Uefi,
        "pcbios" => BootFirmware.Bios,
        _ => null,
    };
}
