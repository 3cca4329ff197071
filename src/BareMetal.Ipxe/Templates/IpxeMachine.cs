using System.Net;

namespace BareMetal.Ipxe;

/// <summary>The machine a template renders for: typed identity and profile values.</summary>
public sealed class IpxeMachine
{
    /// <summary>The boot interface's MAC address (the same <see cref="Netboot.MacAddress"/> DHCP reports).</summary>
    public required MacAddress MacAddress { get; init; }

    /// <summary>The machine's IP address, if known.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The host name: letters, digits, '-' and '.', as RFC 1123 allows.</summary>
    public string? Hostname { get; init; }

    /// <summary>The CPU architecture.</summary>
    public IpxeArchitecture Architecture { get; init; } = IpxeArchitecture.X64;

    /// <summary>The firmware platform; it also decides the EFI <c>initrd=</c> lint rule.</summary>
    public IpxePlatform Platform { get; init; }

    /// <summary>Profile values, used as <c>{{profile.name}}</c>.</summary>
    public IReadOnlyDictionary<string, IpxeValue> Profile { get; init; } = new Dictionary<string, IpxeValue>();
}
