namespace BareMetal.Ipxe;

/// <summary>What the linter knows about the target.</summary>
public sealed class IpxeLintOptions
{
    /// <summary>Default options: no target features or platform known.</summary>
    public static IpxeLintOptions Default { get; } = new();

    /// <summary>The target build's features (from DHCP option 175); when set, URIs with schemes it lacks are errors.</summary>
    public IpxeFeatures? Features { get; init; }

    /// <summary>The target platform; on <see cref="IpxePlatform.Efi"/> kernels must name their initrds with <c>initrd=</c>.</summary>
    public IpxePlatform? Platform { get; init; }

    /// <summary>Settings the environment provides besides iPXE's and DHCP's own (for example from option 175 or SMBIOS).</summary>
    public IReadOnlyCollection<string> KnownSettings { get; init; } = [];

    /// <summary>Report labels nothing jumps to (<see cref="IpxeDiagnosticCode.UnusedLabel"/>, information).</summary>
    public bool ReportUnusedLabels { get; init; } = true;
}
