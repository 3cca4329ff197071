using System.Security.Cryptography;

namespace BareMetal.LabAgent.Actions.Oci;

/// <summary>
/// Where an OCI image layout (image-spec image-layout.md: <c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/HEX</c>)
/// is read from: a directory, or the same tree over HTTP (the host's images folder). Every blob is fetched to a file in
/// the agent's tmpfs and checked against its descriptor's size and SHA-256 before anything reads it.
/// </summary>
public sealed class OciLayoutSource
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private readonly string? _directory;
    private readonly Uri? _baseUri;
    private readonly HttpClient _http;

    /// <summary>Creates a source.</summary>
    /// <param name="location">A directory path, or an http(s) URL of the layout's directory.</param>
    /// <param name="http">The HTTP client for URLs.</param>
    public OciLayoutSource(string location, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(location);
        _http = http;
        if (location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            _baseUri = new Uri(location.EndsWith('/') ? location : location + "/");
        }
        else
        {
            _directory = location;
        }
    }

    /// <summary>Reads a top-level file of the layout (<c>oci-layout</c>, <c>index.json</c>), at most 1 MiB.</summary>
    public async Task<byte[]> ReadFileAsync(string name, CancellationToken cancellationToken)
    {
        if (_directory is not null)
        {
            var path = Path.Combine(_directory, name);
            if (!File.Exists(path))
            {
                throw new OciException($"{path} does not exist: '{_directory}' is not an OCI image layout");
            }

            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var uri = new Uri(_baseUri!, name);
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new OciException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}: is {_baseUri} an OCI image layout?");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a small blob (manifest, config) into memory, verified.</summary>
    public async Task<byte[]> ReadBlobAsync(OciDescriptor descriptor, string scratch, CancellationToken cancellationToken)
    {
        var path = await FetchBlobAsync(descriptor, scratch, cancellationToken).ConfigureAwait(false);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_baseUri is not null)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// The verified blob as a local file: in a directory layout the blob itself, over HTTP a download in
    /// <paramref name="scratch"/> (the caller deletes it when the path is inside <paramref name="scratch"/>).
    /// </summary>
    public async Task<string> FetchBlobAsync(OciDescriptor descriptor, string scratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var hex = Sha256Hex(descriptor.Digest);
        string path;
        if (_directory is not null)
        {
            path = Path.Combine(_directory, "blobs", "sha256", hex);
            if (!File.Exists(path))
            {
                throw new OciException($"blob {descriptor.Digest} is missing from {_directory}/blobs/sha256");
            }
        }
        else
        {
            path = Path.Combine(scratch, hex);
            var uri = new Uri(_baseUri!, "blobs/sha256/" + hex);
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new OciException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var file = File.Create(path);
            await using (file.ConfigureAwait(false))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }

        // image-spec descriptor.md: "the content ... MUST be verified against the digest" and the size.
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.Length != descriptor.Size)
            {
                throw new OciException($"blob {descriptor.Digest} has {stream.Length} bytes, its descriptor says {descriptor.Size}");
            }

            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (actual != hex)
            {
                throw new OciException($"blob {descriptor.Digest} does not match its content (sha256:{actual}): the layout is corrupt or was tampered with");
            }
        }

        return path;
    }

    /// <summary>The hex part of a <c>sha256:</c> digest, checked (it becomes a file name).</summary>
    public static string Sha256Hex(string? digest)
    {
        if (digest is null || !digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71
            || digest.AsSpan(7).ContainsAnyExcept(LowerHex))
        {
            throw new OciException($"digest '{digest}' is not sha256: followed by 64 lowercase hex digits (the only algorithm this agent verifies)");
        }

        return digest[7..];
    }
}

/// <summary>An OCI layout that cannot be used: missing, malformed, or failing verification.</summary>
public sealed class OciException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public OciException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OciException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
