using BareMetal.LabAgent.Actions.Power;
using BareMetal.LabAgent.Native;

namespace BareMetal.LabAgent.Actions;

/// <summary><c>kexec</c> parameters.</summary>
public sealed class KexecParameters
{
    /// <summary>The kernel: a path (e.g. on a disk mounted earlier) or an http(s) URL of the host's images.</summary>
    public string? Kernel { get; set; }

    /// <summary>The initrd: a path or URL, or absent.</summary>
    public string? Initrd { get; set; }

    /// <summary>The new kernel's command line.</summary>
    public string? Cmdline { get; set; }
}

/// <summary>
/// <c>kexec</c>: loads a kernel, initrd and command line with kexec_file_load(2) (the kernel verifies the image and, when
/// configured, its signature) and, after the report, starts it (reboot(2) LINUX_REBOOT_CMD_KEXEC): the installed system
/// boots without going through the firmware again. Kernels and initrds given as URLs are downloaded to the in-memory /tmp.
/// </summary>
public sealed class KexecAction(ISystemPower power, HttpClient http) : IAgentAction
{
    /// <summary>The type name.</summary>
    public const string TypeName = "kexec";

    /// <summary>The x86 kernel's command line limit (COMMAND_LINE_SIZE, arch/x86/include/asm/setup.h), NUL included.</summary>
    public const int MaxCommandLine = 2048;

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TryGetParameters(ActionJsonContext.Default.KexecParameters, out var p, out var error))
        {
            return ActionResult.Failure(error);
        }

        if (string.IsNullOrEmpty(p.Kernel))
        {
            return context.InvalidParameter("kernel", "is missing: give the kernel's path or URL");
        }

        var cmdline = p.Cmdline ?? string.Empty;
        if (System.Text.Encoding.UTF8.GetByteCount(cmdline) + 1 > MaxCommandLine || cmdline.Contains('\0', StringComparison.Ordinal))
        {
            return context.InvalidParameter("cmdline", $"is longer than the kernel accepts ({MaxCommandLine - 1} bytes) or holds a NUL");
        }

        var kernel = await LocalAsync(context, "kernel", p.Kernel, cancellationToken).ConfigureAwait(false);
        if (kernel.Error is not null)
        {
            return ActionResult.Failure(kernel.Error);
        }

        var initrd = p.Initrd is null ? default : await LocalAsync(context, "initrd", p.Initrd, cancellationToken).ConfigureAwait(false);
        if (initrd.Error is not null)
        {
            return ActionResult.Failure(initrd.Error);
        }

        context.Log.Info($"kexec_file_load {kernel.Path}{(initrd.Path is null ? string.Empty : " initrd " + initrd.Path)} cmdline '{cmdline}'");
        var errno = power.KexecFileLoad(kernel.Path!, initrd.Path, cmdline);
        if (errno != 0)
        {
            var hint = errno switch
            {
                38 => ": the running kernel was built without CONFIG_KEXEC_FILE",
                8 => ": the kernel file is not a bootable image for this architecture",
                1 => ": the agent needs CAP_SYS_BOOT, or kexec is disabled (kernel.kexec_load_disabled, lockdown)",
                _ => string.Empty,
            };
            return ActionResult.Failure($"kexec_file_load failed: {Libc.Describe(errno)}{hint}");
        }

        return ActionResult.Success($"kexec into {p.Kernel}") with { AfterReport = PowerAction.EndTheSystem(power, RebootCommand.Kexec) };
    }

    private async Task<(string? Path, string? Error)> LocalAsync(ActionContext context, string field, string source, CancellationToken cancellationToken)
    {
        if (!source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return File.Exists(source) ? (source, null) : (null, $"action {context.Index} (kexec): parameter '{field}' names '{source}', which does not exist");
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri))
        {
            return (null, $"action {context.Index} (kexec): parameter '{field}' is not a valid URL: '{source}'");
        }

        var path = Path.Combine(Path.GetTempPath(), $"baremetal-kexec-{field}");
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"action {context.Index} (kexec): GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var file = File.Create(path);
            await using (file.ConfigureAwait(false))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            context.Log.Info($"downloaded {uri} to {path} ({new FileInfo(path).Length} bytes)");
            return (path, null);
        }
        catch (HttpRequestException e)
        {
            return (null, $"action {context.Index} (kexec): GET {uri} failed: {HostApiClient.Describe(e)}");
        }
    }
}
