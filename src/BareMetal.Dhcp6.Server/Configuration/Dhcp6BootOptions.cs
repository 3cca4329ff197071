namespace BareMetal.Dhcp6.Server.Configuration;

/// <summary>What boot clients load. URLs are built with the subnet's server address in brackets (RFC 3986 §3.2.2).</summary>
public sealed class Dhcp6BootOptions
{
    /// <summary>Whether boot clients get a Boot File URL at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The file UEFI PXE clients fetch over TFTP, by architecture name (see <c>BareMetal.Dhcp.ClientArchitecture</c>); x64 UEFI by default loads <c>snponly.efi</c>.</summary>
    public Dictionary<string, string> TftpFiles { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["X64Uefi"] = "snponly.efi",
        ["Ebc"] = "snponly.efi",
        ["Arm64Uefi"] = "snponly-arm64.efi",
    };

    /// <summary>The file UEFI HTTP boot clients fetch, by architecture name; x64 by default loads <c>ipxe.efi</c>.</summary>
    public Dictionary<string, string> HttpFiles { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["X64UefiHttp"] = "ipxe.efi",
        ["Arm64UefiHttp"] = "ipxe-arm64.efi",
    };

    /// <summary>The HTTP port of the boot server (HTTP boot files and iPXE scripts).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>The path of the iPXE script; <c>{mac}</c> is replaced with the client's MAC (colon-separated) when known, else with <c>${mac}</c>, which iPXE expands itself.</summary>
    public string IpxeScriptPath { get; set; } = "/ipxe/{mac}";
}
