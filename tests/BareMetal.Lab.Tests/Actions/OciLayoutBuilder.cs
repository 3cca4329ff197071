using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BareMetal.Lab.Tests.Actions;

/// <summary>Writes an OCI image layout (image-spec image-layout.md) from tar layers built in memory: what `docker save` / skopeo would export.</summary>
internal sealed class OciLayoutBuilder
{
    private readonly string _directory;
    private readonly List<(JsonObject Descriptor, string DiffId)> _layers = [];

    public OciLayoutBuilder(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
    }

    /// <summary>Adds a layer built by <paramref name="fill"/>; gzip-compressed or a plain tar.</summary>
    public OciLayoutBuilder Layer(bool gzip, Action<TarWriter> fill)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            fill(writer);
        }

        var raw = tar.ToArray();
        var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));
        var blob = raw;
        if (gzip)
        {
            using var compressed = new MemoryStream();
            using (var z = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(raw);
            }

            blob = compressed.ToArray();
        }

        _layers.Add((Blob(blob, gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar"), diffId));
        return this;
    }

    /// <summary>Writes the config, manifest, index.json and oci-layout.</summary>
    public string Build(string[] entrypoint, string[] cmd, string[] env, string workingDir, string refName = "latest")
    {
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Entrypoint"] = Array(entrypoint),
                ["Cmd"] = Array(cmd),
                ["Env"] = Array(env),
                ["WorkingDir"] = workingDir,
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = Array([.. _layers.Select(l => l.DiffId)]) },
        };
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Blob(Encoding.UTF8.GetBytes(config.ToJsonString()), "application/vnd.oci.image.config.v1+json"),
            ["layers"] = new JsonArray([.. _layers.Select(l => (JsonNode)l.Descriptor.DeepClone())]),
        };
        var manifestDescriptor = Blob(Encoding.UTF8.GetBytes(manifest.ToJsonString()), "application/vnd.oci.image.manifest.v1+json");
        manifestDescriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = refName };
        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(manifestDescriptor) };
        File.WriteAllText(Path.Combine(_directory, "index.json"), index.ToJsonString());
        File.WriteAllText(Path.Combine(_directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        return _directory;
    }

    public string LayerPath(int i) => Path.Combine(_directory, "blobs", "sha256", _layers[i].Descriptor["digest"]!.GetValue<string>()[7..]);

    private JsonObject Blob(byte[] bytes, string mediaType)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(Path.Combine(_directory, "blobs", "sha256", hex), bytes);
        return new JsonObject { ["mediaType"] = mediaType, ["digest"] = "sha256:" + hex, ["size"] = bytes.Length };
    }

    private static JsonArray Array(string[] items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    public static void Text(TarWriter tar, string name, string text, UnixFileMode mode = (UnixFileMode)0b110_100_100, int uid = 0) =>
        Bytes(tar, name, Encoding.UTF8.GetBytes(text), mode, uid);

    public static void Bytes(TarWriter tar, string name, byte[] bytes, UnixFileMode mode, int uid = 0) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes), Mode = mode, Uid = uid, Gid = uid });

    public static void Dir(TarWriter tar, string name) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 });

    public static void Link(TarWriter tar, string name, string target) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });

    public static void HardLink(TarWriter tar, string name, string target) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });

    /// <summary>A statically linked busybox: /bin/busybox when it is static, else Debian's busybox-static (apt-get download + dpkg-deb -x, cached).</summary>
    public static byte[] StaticBusybox()
    {
        if (System.IO.File.Exists("/bin/busybox") && Tool.Run("ldd", "/bin/busybox").ExitCode != 0)
        {
            return System.IO.File.ReadAllBytes("/bin/busybox");
        }

        var cache = Path.Combine(Path.GetTempPath(), "h17-busybox-static");
        var binary = Path.Combine(cache, "x", "bin", "busybox");
        if (!System.IO.File.Exists(binary))
        {
            Directory.CreateDirectory(cache);
            var download = new System.Diagnostics.ProcessStartInfo("apt-get", ["download", "busybox-static"]) { WorkingDirectory = cache, RedirectStandardError = true, RedirectStandardOutput = true };
            using (var p = System.Diagnostics.Process.Start(download)!)
            {
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, "apt-get download busybox-static failed (eng/prereqs.sh: the test needs Debian's busybox-static package)");
            }

            var deb = Directory.GetFiles(cache, "busybox-static_*.deb").Single();
            Tool.Ok("dpkg-deb", "-x", deb, Path.Combine(cache, "x"));
        }

        return System.IO.File.ReadAllBytes(binary);
    }
}
