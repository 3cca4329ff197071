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

    /// <summary>The target build's CPU architecture; <see langword="null"/> when unknown. x86-only commands (<c>cpuid</c>) are errors on other architectures.</summary>
    public IpxeArchitecture? Architecture { get; init; }

    /// <summary>
    /// The build options the target build defines (its <c>config/general.h</c> after <c>config/local/general.h</c>,
    /// such as <c>IMAGE_CMD</c>, <c>PING_CMD</c>); <see langword="null"/> when unknown, and then iPXE's shipped
    /// configuration for <see cref="Platform"/> and <see cref="Architecture"/> is assumed only where it is the
    /// same for every build. A command whose <see cref="IpxeCommandDefinition.BuildOption"/> is not listed is an error.
    /// </summary>
    public IReadOnlyCollection<string>? BuildOptions { get; init; }

    /// <summary>Commands the target build adds beyond iPXE's own (out-of-tree patches or forks); they are not reported as unknown.</summary>
    public IReadOnlyCollection<string> AdditionalCommands { get; init; } = [];

    /// <summary>Settings the environment provides besides iPXE's and DHCP's own (for example from option 175 or SMBIOS).</summary>
    public IReadOnlyCollection<string> KnownSettings { get; init; } = [];

    /// <summary>Report labels nothing jumps to (<see cref="IpxeDiagnosticCode.UnusedLabel"/>, information).</summary>
    public bool ReportUnusedLabels { get; init; } = true;
}
