using System.Text.Json.Serialization;

namespace BareMetal.LabAgent.Actions.Oci;

/// <summary>An OCI content descriptor (image-spec descriptor.md): media type, digest and size of a blob.</summary>
public sealed class OciDescriptor
{
    /// <summary>The blob's media type.</summary>
    public string? MediaType { get; set; }

    /// <summary><c>sha256:</c> and 64 lowercase hex digits.</summary>
    public string? Digest { get; set; }

    /// <summary>The blob's size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>Annotations, e.g. <c>org.opencontainers.image.ref.name</c>.</summary>
    public IDictionary<string, string>? Annotations { get; set; }

    /// <summary>The platform of an image index entry.</summary>
    public OciPlatform? Platform { get; set; }
}

/// <summary>An index entry's platform (image-spec image-index.md).</summary>
public sealed class OciPlatform
{
    /// <summary>GOARCH value: amd64, arm64.</summary>
    public string? Architecture { get; set; }

    /// <summary>GOOS value: linux.</summary>
    public string? Os { get; set; }
}

/// <summary><c>index.json</c> or a nested image index (image-spec image-index.md).</summary>
public sealed class OciIndex
{
    /// <summary>2.</summary>
    public int SchemaVersion { get; set; }

    /// <summary>The manifests (or nested indexes).</summary>
    public IList<OciDescriptor> Manifests { get; set; } = [];
}

/// <summary>An image manifest (image-spec manifest.md).</summary>
public sealed class OciManifest
{
    /// <summary>2.</summary>
    public int SchemaVersion { get; set; }

    /// <summary>The image configuration blob.</summary>
    public OciDescriptor? Config { get; set; }

    /// <summary>The layers, base first.</summary>
    public IList<OciDescriptor> Layers { get; set; } = [];
}

/// <summary>The image configuration (image-spec config.md): what to run, and the layers' uncompressed digests.</summary>
public sealed class OciImageConfig
{
    /// <summary>amd64, arm64...</summary>
    public string? Architecture { get; set; }

    /// <summary>linux.</summary>
    public string? Os { get; set; }

    /// <summary>The execution parameters.</summary>
    public OciRunConfig? Config { get; set; }

    /// <summary>The root filesystem's layer digests.</summary>
    public OciRootFs? Rootfs { get; set; }
}

/// <summary>The <c>config</c> object of an image configuration (Docker-compatible capitalised names).</summary>
public sealed class OciRunConfig
{
    /// <summary>The program and its fixed arguments.</summary>
    [JsonPropertyName("Entrypoint")]
    public IList<string>? Entrypoint { get; set; }

    /// <summary>Default arguments (or the program, without an entrypoint).</summary>
    [JsonPropertyName("Cmd")]
    public IList<string>? Cmd { get; set; }

    /// <summary><c>NAME=value</c> entries.</summary>
    [JsonPropertyName("Env")]
    public IList<string>? Env { get; set; }

    /// <summary>The working directory.</summary>
    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; set; }
}

/// <summary><c>rootfs</c>: <c>diff_ids</c> are the SHA-256 of each layer's uncompressed tar.</summary>
public sealed class OciRootFs
{
    /// <summary>"layers".</summary>
    public string? Type { get; set; }

    /// <summary>The uncompressed layers' digests, in order.</summary>
    [JsonPropertyName("diff_ids")]
    public IList<string> DiffIds { get; set; } = [];
}
