namespace BareMetal.Ipxe;

/// <summary>What to boot: a Linux kernel, its initrds and its command line.</summary>
public sealed class LinuxBootSpec
{
    /// <summary>The kernel URI, e.g. <c>http://192.0.2.1:8080/images/vmlinuz</c>.</summary>
    public required string KernelUri { get; init; }

    /// <summary>An explicit image name for the kernel (<c>--name</c>); by default iPXE names it after the URI's last path segment.</summary>
    public string? KernelName { get; init; }

    /// <summary>The initrds, in load order.</summary>
    public IReadOnlyList<LinuxInitrd> Initrds { get; init; } = [];

    /// <summary>The kernel command line; its words are written as separate tokens.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Writes <c>dhcp</c> first (needed when the script does not run right after iPXE's own DHCP).</summary>
    public bool ConfigureNetwork { get; init; }

    /// <summary>An optional line printed with <c>echo</c> before the kernel is fetched.</summary>
    public string? Message { get; init; }
}

/// <summary>One initrd: its URI and an optional explicit name.</summary>
/// <param name="Uri">The initrd URI.</param>
/// <param name="Name">
/// The image name (<c>--name</c>); by default iPXE names the image after the last segment of the URI's path
/// (<c>image_set_uri()</c> in <c>src/core/image.c</c>), which is the name EFI's <c>initrd=</c> must use.
/// </param>
public readonly record struct LinuxInitrd(string Uri, string? Name = null)
{
    /// <summary>
    /// The name iPXE gives the image: <see cref="Name"/>, or the last path segment of <see cref="Uri"/>
    /// (query and fragment excluded). Empty when it cannot be derived.
    /// </summary>
    public ReadOnlySpan<char> EffectiveName => Name is { Length: > 0 } ? Name : DeriveName(Uri);

    /// <summary>The last path segment of a URI, as iPXE derives an image name from it.</summary>
    public static ReadOnlySpan<char> DeriveName(ReadOnlySpan<char> uri)
    {
        var end = uri.IndexOfAny('?', '#');
        if (end >= 0)
        {
            uri = uri[..end];
        }

        var slash = uri.LastIndexOf('/');
        var name = slash >= 0 ? uri[(slash + 1)..] : uri;
        var colon = name.IndexOf(':');
        if (slash < 0 && colon >= 0)
        {
            // An opaque URI without a path ("data:..."): not a usable name.
            return default;
        }

        return name;
    }
}

/// <summary>A view over the names of a spec's initrds, passed to the builder without allocating.</summary>
internal readonly struct IpxeInitrdNames(IReadOnlyList<LinuxInitrd>? initrds)
{
    public int Count => initrds?.Count ?? 0;

    public ReadOnlySpan<char> this[int index] => initrds![index].EffectiveName;
}
