namespace BareMetal.Dhcp.Server.Boot;

/// <summary>
/// Decides what a network-boot client loads. The host registers its own in DI (per-machine overrides from its
/// inventory); <see cref="ArchitectureBootPolicy"/> is the default. Called under the engine's lock, only for requests
/// the PXE classifier recognises as boot requests: keep it fast and never block.
/// </summary>
public interface IBootPolicy
{
    /// <summary>Decides what the client boots.</summary>
    /// <param name="request">The client and where it asked.</param>
    /// <returns>No boot, a boot file, or a URL.</returns>
    BootDecision Decide(in BootRequest request);
}
