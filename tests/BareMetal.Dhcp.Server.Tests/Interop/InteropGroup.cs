namespace BareMetal.Dhcp.Server.Tests.Interop;

/// <summary>Interop classes run one after another: each starts real peers, and two cores are shared with the build.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InteropGroup
{
    public const string Name = "Interop (network namespaces)";
}
