using System.Text;
using System.Text.Json;

namespace BareMetal.LabAgent.Actions.Oci;

/// <summary>A resolved image: its source, config and layer descriptors.</summary>
/// <param name="Source">Where its blobs come from.</param>
/// <param name="Config">The image configuration.</param>
/// <param name="Layers">The layers, base first.</param>
public sealed record OciImage(OciLayoutSource Source, OciImageConfig Config, IReadOnlyList<OciDescriptor> Layers);

/// <summary>Reads <c>oci-layout</c>, <c>index.json</c>, the chosen manifest and the config (image-spec image-layout.md).</summary>
public static class ImageReader
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private const string IndexType = "application/vnd.oci.image.index.v1+json";
    private const string RefName = "org.opencontainers.image.ref.name";

    /// <summary>Resolves the image.</summary>
    /// <param name="source">The layout.</param>
    /// <param name="reference">A ref name to pick, or null.</param>
    /// <param name="scratch">Where downloads go.</param>
    /// <param name="log">The action log.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The image.</returns>
    public static async Task<OciImage> ReadAsync(OciLayoutSource source, string? reference, string scratch, ActionLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(log);
        var layout = JsonDocument.Parse(await source.ReadFileAsync("oci-layout", cancellationToken).ConfigureAwait(false));
        if (!layout.RootElement.TryGetProperty("imageLayoutVersion", out var version) || version.GetString() != "1.0.0")
        {
            throw new OciException($"oci-layout says {Encoding.UTF8.GetString(await source.ReadFileAsync("oci-layout", cancellationToken).ConfigureAwait(false))}: this agent reads imageLayoutVersion 1.0.0");
        }

        var index = Parse(await source.ReadFileAsync("index.json", cancellationToken).ConfigureAwait(false), ActionJsonContext.Default.OciIndex, "index.json");
        var descriptor = Choose(index, reference, "index.json");
        for (var depth = 0; descriptor.MediaType == IndexType; depth++)
        {
            if (depth == 4)
            {
                throw new OciException("image indexes are nested more than 4 deep");
            }

            var nested = Parse(await source.ReadBlobAsync(descriptor, scratch, cancellationToken).ConfigureAwait(false), ActionJsonContext.Default.OciIndex, descriptor.Digest!);
            descriptor = Choose(nested, null, descriptor.Digest!);
        }

        if (descriptor.MediaType is not (ManifestType or "application/vnd.docker.distribution.manifest.v2+json"))
        {
            throw new OciException($"manifest {descriptor.Digest} has media type '{descriptor.MediaType}', not {ManifestType}");
        }

        var manifest = Parse(await source.ReadBlobAsync(descriptor, scratch, cancellationToken).ConfigureAwait(false), ActionJsonContext.Default.OciManifest, descriptor.Digest!);
        if (manifest.Config is null)
        {
            throw new OciException($"manifest {descriptor.Digest} has no config");
        }

        var config = Parse(await source.ReadBlobAsync(manifest.Config, scratch, cancellationToken).ConfigureAwait(false), ActionJsonContext.Default.OciImageConfig, manifest.Config.Digest!);
        if (config.Os is not null and not "linux")
        {
            throw new OciException($"the image is for {config.Os}, not linux");
        }

        if (config.Rootfs is { } rootfs && rootfs.DiffIds.Count != manifest.Layers.Count)
        {
            throw new OciException($"the config lists {rootfs.DiffIds.Count} diff_ids for {manifest.Layers.Count} layers");
        }

        log.Info($"image {descriptor.Digest}: {manifest.Layers.Count} layer(s), {config.Architecture}/{config.Os}");
        return new OciImage(source, config, [.. manifest.Layers]);
    }

    private static OciDescriptor Choose(OciIndex index, string? reference, string where)
    {
        if (reference is not null)
        {
            return index.Manifests.FirstOrDefault(m => m.Annotations?.TryGetValue(RefName, out var name) == true && name == reference)
                ?? throw new OciException($"{where} has no manifest named '{reference}' ({RefName}); it has: {string.Join(", ", index.Manifests.Select(m => (m.Annotations is { } a && a.TryGetValue(RefName, out var n) ? n : m.Digest)))}");
        }

        if (index.Manifests.Count == 1)
        {
            return index.Manifests[0];
        }

        return index.Manifests.FirstOrDefault(m => m.Platform is { Os: "linux", Architecture: "amd64" } && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64)
            ?? index.Manifests.FirstOrDefault(m => m.Platform is { Os: "linux", Architecture: "arm64" } && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64)
            ?? throw new OciException($"{where} lists {index.Manifests.Count} manifests and none for this machine's platform: name one with 'reference'");
    }

    private static T Parse<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what) =>
        JsonSerializer.Deserialize(json, type) ?? throw new OciException($"{what} is JSON null");
}
