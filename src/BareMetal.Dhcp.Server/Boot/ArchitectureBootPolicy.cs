using System.Globalization;
using BareMetal.Dhcp.Server.Configuration;
using Microsoft.Extensions.Options;

namespace BareMetal.Dhcp.Server.Boot;

/// <summary>
/// The default boot policy: the first-stage iPXE binary by client architecture (RFC 4578 §2.1, IANA "Processor
/// Architecture Types"), a URL for UEFI HTTP boot, and, for clients already running iPXE, the HTTP script URL, so the
/// chain firmware → iPXE → script never loops back to loading iPXE again.
/// </summary>
public sealed class ArchitectureBootPolicy : IBootPolicy
{
    private readonly BootPolicyOptions _options;
    private readonly Ipv4Address _tftpServer;

    /// <summary>Creates the policy from the server options' <see cref="DhcpServerOptions.Boot"/> section.</summary>
    /// <param name="options">The server options.</param>
    public ArchitectureBootPolicy(IOptions<DhcpServerOptions> options)
        : this(options?.Value.Boot ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The boot settings.</param>
    public ArchitectureBootPolicy(BootPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tftpServer = options.TftpServer is { } text && Ipv4Address.TryParse(text, out var address) ? address : default;
    }

    /// <inheritdoc/>
    public BootDecision Decide(in BootRequest request)
    {
        if (!_options.Enabled)
        {
            return BootDecision.NoBoot("boot options are disabled (Boot.Enabled = false)");
        }

        var client = request.Client;

        // iPXE identifies itself with user class "iPXE" or option 175: give it the script, not iPXE again.
        if (client.IsIpxe)
        {
            return BootDecision.Url(Expand(_options.IpxeScriptUrl, request), _tftpServer);
        }

        if (client.IsHttpBoot)
        {
            return _options.HttpBootUrl is { Length: > 0 } url
                ? BootDecision.Url(Expand(url, request), _tftpServer)
                : BootDecision.NoBoot("UEFI HTTP boot client and Boot.HttpBootUrl is not set");
        }

        if (!client.HasArchitecture)
        {
            return BootDecision.NoBoot("no client architecture (option 93)");
        }

        var file = client.Architecture switch
        {
            ClientArchitecture.IntelX86Pc => _options.BiosBootFile,
            ClientArchitecture.X64Uefi or ClientArchitecture.Ebc => _options.UefiX64BootFile,
            ClientArchitecture.X86Uefi => _options.UefiX86BootFile,
            ClientArchitecture.Arm64Uefi => _options.UefiArm64BootFile,
            _ => null,
        };
        return string.IsNullOrEmpty(file)
            ? BootDecision.NoBoot($"no boot file for architecture {(ushort)client.Architecture}")
            : BootDecision.BootFile(file, _tftpServer);
    }

    private string Expand(string template, in BootRequest request) => template
        .Replace("{server}", request.ServerAddress.ToString(), StringComparison.Ordinal)
        .Replace("{port}", _options.HttpPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{mac}", request.MacAddress.ToString(), StringComparison.Ordinal)
        .Replace("{arch}", ((ushort)request.Client.Architecture).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
