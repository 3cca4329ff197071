using System.Collections.Frozen;

namespace BareMetal.Images;

/// <summary>Content-Type by file name: disk images, compressed images, kernels and initrds.</summary>
internal static class ImageContentTypes
{
    /// <summary>Anything not listed is opaque bytes (RFC 2046 §4.5.1).</summary>
    public const string Default = "application/octet-stream";

    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".iso"] = "application/x-iso9660-image",
        [".img"] = "application/octet-stream",
        [".raw"] = "application/octet-stream",
        [".qcow2"] = "application/x-qemu-disk",
        [".gz"] = "application/gzip",       // RFC 6713
        [".xz"] = "application/x-xz",
        [".zst"] = "application/zstd",      // RFC 8878 §7.1
        [".efi"] = "application/efi",
        [".ipxe"] = "text/plain; charset=utf-8",
        [".cfg"] = "text/plain; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".json"] = "application/json",
        [".sha256"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The media type for a file name; <paramref name="overrides"/> win over the built-in table.</summary>
    public static string For(string fileName, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var extension = Path.GetExtension(fileName);
        if (overrides is not null && extension.Length > 0 && overrides.TryGetValue(extension, out var custom))
        {
            return custom;
        }

        if (extension.Length > 0 && ByExtension.TryGetValue(extension, out var known))
        {
            return known;
        }

        // Kernels and initrds usually carry no extension: vmlinuz, vmlinuz-6.1.0-13-amd64, initrd.img-..., bzImage.
        var name = Path.GetFileName(fileName);
        if (name.StartsWith("vmlinuz", StringComparison.OrdinalIgnoreCase) || name.StartsWith("bzImage", StringComparison.Ordinal)
            || name.StartsWith("linux", StringComparison.OrdinalIgnoreCase) || name.StartsWith("kernel", StringComparison.OrdinalIgnoreCase))
        {
            return "application/x-linux-kernel";
        }

        if (name.StartsWith("initrd", StringComparison.OrdinalIgnoreCase) || name.StartsWith("initramfs", StringComparison.OrdinalIgnoreCase))
        {
            return "application/x-initrd";
        }

        return Default;
    }
}
