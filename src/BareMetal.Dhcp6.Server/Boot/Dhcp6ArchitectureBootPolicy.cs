using System.Globalization;
using BareMetal.Dhcp6.Server.Configuration;

namespace BareMetal.Dhcp6.Server.Boot;

/// <summary>
/// The default boot policy: iPXE gets its script URL; UEFI HTTP boot gets <c>http://[server]:port/FILE</c> by
/// architecture; UEFI PXE gets <c>tftp://[server]/FILE</c> by architecture (RFC 5970 §3.1 URLs, RFC 3986 §3.2.2
/// brackets around the IPv6 literal). Architectures without a configured file get no URL.
/// </summary>
public sealed class Dhcp6ArchitectureBootPolicy : IDhcp6BootPolicy
{
    private readonly Dhcp6BootOptions _options;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">File names, HTTP port and iPXE script path.</param>
    public Dhcp6ArchitectureBootPolicy(Dhcp6BootOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc/>
    public string? ChooseBootFileUrl(in Dhcp6BootClientInfo client, Ipv6Address serverAddress)
    {
        if (!_options.Enabled || !client.IsBootRequest)
        {
            return null;
        }

        var host = $"[{serverAddress}]";
        var port = _options.HttpPort.ToString(CultureInfo.InvariantCulture);
        if (client.IsIpxe)
        {
            // Without a MAC (a DUID-UUID client, not relayed) iPXE fills it in: it expands ${mac} in the boot file name.
            var mac = client.MacAddress?.ToString() ?? "${mac}";
            return $"http://{host}:{port}{_options.IpxeScriptPath.Replace("{mac}", mac, StringComparison.Ordinal)}";
        }

        var architecture = client.Architecture;
        var name = Enum.IsDefined(architecture) ? architecture.ToString() : ((ushort)architecture).ToString(CultureInfo.InvariantCulture);
        if (client.IsHttpBoot)
        {
            return _options.HttpFiles.TryGetValue(name, out var httpFile) ? $"http://{host}:{port}/{httpFile}" : null;
        }

        return _options.TftpFiles.TryGetValue(name, out var tftpFile) ? $"tftp://{host}/{tftpFile}" : null;
    }
}
