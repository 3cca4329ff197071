using System.Diagnostics;
using System.Text.Json;
using BareMetal.LabAgent.Actions.Oci;
using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>oci</c> parameters (the fields of a Tinkerbell template action, minus what Docker needed).</summary>
public sealed class OciParameters
{
    /// <summary>The OCI image layout: a directory, or an http(s) URL of one under the host's images.</summary>
    public string? Image { get; set; }

    /// <summary>Which manifest of <c>index.json</c>: its <c>org.opencontainers.image.ref.name</c> (default: the only one, or linux/amd64).</summary>
    public string? Reference { get; set; }

    /// <summary>Environment variables for the action (Tinkerbell's <c>environment</c>): added to the image's Env, winning over it.</summary>
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    /// <summary>Replaces the image's Cmd (Tinkerbell's <c>command</c>).</summary>
    public IList<string>? Command { get; set; }

    /// <summary>Replaces the image's Entrypoint.</summary>
    public IList<string>? Entrypoint { get; set; }

    /// <summary>Size limit of the tmpfs root (tmpfs <c>size=</c>), e.g. <c>1g</c> or <c>50%</c>. Default 50% of RAM.</summary>
    public string? TmpfsSize { get; set; }
}

/// <summary>
/// <c>oci</c>: runs an OCI image as a provisioning action the way Tinkerbell's worker does, without Docker. The image
/// layout's index, manifest, config and layers are verified (SHA-256 and size), the layers unpacked in order with their
/// whiteouts into a fresh tmpfs, the machine's /dev, /proc and /sys bound into it, and the image's Entrypoint + Cmd
/// run chrooted in its WorkingDir with its Env plus the action's environment. Output goes to the action log; exit code
/// 0 is success. Every mount is undone afterwards, whatever happened.
/// </summary>
public sealed class OciAction : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "oci";

    private readonly HttpClient _http;
    private readonly string _helper;

    /// <summary>Creates the action.</summary>
    /// <param name="http">Fetches layouts given as URLs.</param>
    /// <param name="helper">The agent executable, started in <see cref="ChrootExec"/> mode (default: this process's own executable).</param>
    public OciAction(HttpClient http, string? helper = null)
    {
        _http = http;
        _helper = helper ?? System.Environment.ProcessPath ?? "/bin/baremetal-agent";
    }

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TryGetParameters(ActionJsonContext.Default.OciParameters, out var p, out var error))
        {
            return ActionResult.Failure(error);
        }

        if (string.IsNullOrEmpty(p.Image))
        {
            return context.InvalidParameter("image", "is missing: give the OCI image layout's directory or URL");
        }

        if (p.TmpfsSize is { } size && !size.All(c => char.IsAsciiLetterOrDigit(c) || c == '%'))
        {
            return context.InvalidParameter("tmpfsSize", $"is '{size}': give a tmpfs size such as 1g or 50%");
        }

        var root = Directory.CreateTempSubdirectory("baremetal-oci-").FullName;
        var mounted = new Stack<string>();
        try
        {
            Mounts.Mount("tmpfs", root, "tmpfs", 0, $"mode=0755,size={p.TmpfsSize ?? "50%"}");
            mounted.Push(root);
            var scratch = Path.Combine(root, ".baremetal-blobs");
            Directory.CreateDirectory(scratch);
            var image = await ImageReader.ReadAsync(new OciLayoutSource(p.Image, _http), p.Reference, scratch, context.Log, cancellationToken).ConfigureAwait(false);
            var unpacker = new LayerUnpacker(root, context.Log);
            for (var i = 0; i < image.Layers.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var layer = image.Layers[i];
                var blob = await image.Source.FetchBlobAsync(layer, scratch, cancellationToken).ConfigureAwait(false);
                var entries = unpacker.Apply(blob, layer.MediaType, image.Config.Rootfs?.DiffIds.ElementAtOrDefault(i));
                if (blob.StartsWith(scratch, StringComparison.Ordinal))
                {
                    File.Delete(blob);
                }

                context.Log.Info($"layer {i + 1}/{image.Layers.Count} {layer.Digest}: {entries} entries");
            }

            Directory.Delete(scratch, recursive: true);

            // Tinkerbell's contract: the machine's disks under /dev, with /proc and /sys as a privileged container has them.
            foreach (var system in new[] { "dev", "proc", "sys" })
            {
                var target = Path.Combine(root, system);
                if (new FileInfo(target).LinkTarget is not null || File.Exists(target))
                {
                    File.Delete(target);
                }

                Directory.CreateDirectory(target);
                Mounts.Mount("/" + system, target, null, Libc.MsBind | Libc.MsRec);
                mounted.Push(target);
            }

            CopyResolverConfiguration(root);
            var run = image.Config.Config ?? new OciRunConfig();
            var argv = (p.Entrypoint ?? run.Entrypoint ?? []).Concat(p.Command ?? run.Cmd ?? []).ToArray();
            if (argv.Length == 0)
            {
                return ActionResult.Failure($"action {context.Index} (oci): the image has neither Entrypoint nor Cmd, and the action gives no 'command'");
            }

            var start = new ProcessStartInfo(_helper, ChrootExec.Arguments(root, string.IsNullOrEmpty(run.WorkingDir) ? "/" : run.WorkingDir, argv));
            start.Environment.Clear();
            foreach (var (name, value) in Environment(run.Env, p.Environment))
            {
                start.Environment[name] = value;
            }

            context.Log.Info($"running {string.Join(' ', argv)} in {p.Image}");
            var outcome = await CommandRunner.RunAsync(start, context.Log, null, cancellationToken).ConfigureAwait(false);
            return ExecAction.Describe($"{p.Image} ({argv[0]})", outcome, null);
        }
        catch (Exception e) when (e is OciException or IOException or JsonException or HttpRequestException or InvalidDataException or UnauthorizedAccessException)
        {
            return ActionResult.Failure($"action {context.Index} (oci): {HostApiClient.Describe(e)}");
        }
        finally
        {
            // Innermost first: the bind mounts, then the tmpfs (which frees the unpacked image's memory).
            while (mounted.TryPop(out var target))
            {
                if (Mounts.Unmount(target) is { } unmountError)
                {
                    context.Log.Info(unmountError);
                }
            }

            try
            {
                Directory.Delete(root);
            }
            catch (IOException)
            {
                // A lazily detached mount still holds it; /tmp is the in-memory OS's own tmpfs.
            }
        }
    }

    /// <summary>The image's Env (<c>NAME=value</c>) overlaid with the action's environment; PATH defaults as Docker's does.</summary>
    /// <param name="image">The config's Env.</param>
    /// <param name="action">The action's environment.</param>
    /// <returns>The process environment.</returns>
    public static IReadOnlyDictionary<string, string> Environment(IEnumerable<string>? image, IDictionary<string, string> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        };
        foreach (var entry in image ?? [])
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                env[entry[..eq]] = entry[(eq + 1)..];
            }
        }

        foreach (var (name, value) in action)
        {
            env[name] = value;
        }

        return env;
    }

    private static void CopyResolverConfiguration(string root)
    {
        // Actions share the machine's network (as Tinkerbell runs them with the host's): give them its DNS servers.
        const string resolv = "/etc/resolv.conf";
        if (File.Exists(resolv) && RootedPath.TryResolveParent(root, resolv, null, out var target, out _))
        {
            File.Delete(target);
            File.Copy(resolv, target);
        }
    }
}
