using System.Buffers;

namespace BareMetal.Ipxe;

/// <summary>Whole scripts in the shapes provisioners use, each written with <see cref="IpxeScriptBuilder"/>.</summary>
public static class IpxeScripts
{
    /// <summary>The BIOS drive number of the first hard disk (INT 13h numbering).</summary>
    public const uint FirstHardDisk = 0x80;

    /// <summary>
    /// Writes a complete script that boots Linux:
    /// <code>
    /// #!ipxe
    /// kernel http://.../vmlinuz initrd=initrd.img console=ttyS0   (initrd= only on EFI)
    /// initrd http://.../initrd.img
    /// boot
    /// </code>
    /// On <see cref="IpxePlatform.Efi"/> each initrd's name is added as <c>initrd=&lt;name&gt;</c> to the kernel
    /// command line, because the Linux EFI stub only loads initrds named there.
    /// </summary>
    /// <exception cref="ArgumentException">A URI, name or command-line word cannot be written (the message says why and the fix).</exception>
    public static void WriteLinuxBoot(IBufferWriter<byte> writer, LinuxBootSpec spec, IpxePlatform platform)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(spec);
        ValidateLinuxBoot(spec, platform);

        var builder = new IpxeScriptBuilder(writer).Header();
        AppendLinuxBoot(ref builder, spec, platform);
        builder.Complete();
    }

    /// <summary>Appends the Linux boot commands (no header) to an existing builder.</summary>
    public static void AppendLinuxBoot(ref IpxeScriptBuilder builder, LinuxBootSpec spec, IpxePlatform platform)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateLinuxBoot(spec, platform);
        if (spec.ConfigureNetwork)
        {
            builder.Dhcp();
        }

        if (spec.Message is { Length: > 0 } message)
        {
            builder.Echo(message);
        }

        var initrdNames = platform == IpxePlatform.Efi ? new IpxeInitrdNames(spec.Initrds) : default;
        builder.KernelWithInitrds(spec.KernelUri, spec.KernelName, initrdNames, spec.CommandLine);
        for (var i = 0; i < spec.Initrds.Count; i++)
        {
            var initrd = spec.Initrds[i];
            builder.Initrd(initrd.Uri, initrd.Name);
        }

        builder.Boot();
    }

    /// <summary>
    /// Writes a script that boots the local disk as <paramref name="localBoot"/> describes (by default: on BIOS
    /// <c>sanboot --no-describe --drive 0x80</c>, booting the first hard disk through INT 13h without describing it
    /// in an iBFT/ABFT; on EFI <c>exit</c>). With <see cref="LocalBootSpec.EfiVolumeLabel"/> an EFI machine chains
    /// the installed loader from its EFI System Partition:
    /// <code>
    /// #!ipxe
    /// echo Booting from local disk
    /// chain --autofree file://ESP/EFI/BOOT/BOOTX64.EFI || echo Could not start the installed EFI loader
    /// exit 1
    /// </code>
    /// </summary>
    /// <exception cref="ArgumentException">A value of <paramref name="localBoot"/> cannot be written (the message names it and the fix).</exception>
    public static void WriteLocalBoot(IBufferWriter<byte> writer, IpxePlatform platform, string? message = "Booting from local disk", LocalBootSpec? localBoot = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        localBoot ??= LocalBootSpec.Default;
        localBoot.Validate();
        var builder = new IpxeScriptBuilder(writer).Header();
        if (message is { Length: > 0 })
        {
            builder.Echo(message);
        }

        AppendLocalBootCore(ref builder, platform, localBoot);
        builder.Complete();
    }

    /// <summary>Appends the local-disk boot commands for the platform (see <see cref="WriteLocalBoot"/>).</summary>
    /// <exception cref="ArgumentException">A value of <paramref name="localBoot"/> cannot be written (the message names it and the fix).</exception>
    public static void AppendLocalBoot(ref IpxeScriptBuilder builder, IpxePlatform platform, LocalBootSpec? localBoot = null)
    {
        localBoot ??= LocalBootSpec.Default;
        localBoot.Validate();
        AppendLocalBootCore(ref builder, platform, localBoot);
    }

    private static void AppendLocalBootCore(ref IpxeScriptBuilder builder, IpxePlatform platform, LocalBootSpec localBoot)
    {
        if (platform != IpxePlatform.Efi)
        {
            builder.Sanboot(drive: localBoot.BiosDrive, noDescribe: true);
            return;
        }

        if (localBoot.EfiLoaderUri is not { } loader)
        {
            builder.Exit();
            return;
        }

        // iPXE opens the FAT volume whose label matches the URI's host (efi_local_open_volume()) and starts the
        // loader with LoadImage/StartImage. If it cannot, or the loader returns, "exit 1" hands a failure status
        // back so the boot manager goes on to its next boot option (UEFI 2.10 §3.1.1) instead of its menu.
        builder.Chain(loader, localBoot.EfiLoaderArguments, autofree: true).Or().Echo("Could not start the installed EFI loader")
            .Exit(1);
    }

    /// <summary>
    /// Writes a script that chains to <paramref name="uri"/> and retries on failure:
    /// <code>
    /// #!ipxe
    /// :retry
    /// chain --autofree http://... || goto retry-wait
    /// exit
    /// :retry-wait
    /// echo Could not chain http://..., retrying in 5 seconds
    /// sleep 5
    /// goto retry
    /// </code>
    /// With <paramref name="maxAttempts"/> the counter setting <c>retry-count</c> is incremented with
    /// <c>inc</c> and after the last attempt the script ends with <c>exit 1</c>.
    /// </summary>
    public static void WriteChainWithRetry(IBufferWriter<byte> writer, string uri, int retryDelaySeconds = 5, int? maxAttempts = null, string labelPrefix = "retry")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(uri);
        IpxeArguments.RequireUri(uri, nameof(uri));
        IpxeArguments.RequireLabel(labelPrefix, nameof(labelPrefix));
        if (maxAttempts is < 1)
        {
            IpxeThrow.OutOfRange(nameof(maxAttempts), "maxAttempts must be 1 or more (or null to retry forever).");
        }

        var wait = labelPrefix + "-wait";
        var failed = labelPrefix + "-failed";
        var counter = labelPrefix + "-count";
        var attempts = maxAttempts?.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var builder = new IpxeScriptBuilder(writer).Header();
        if (attempts is not null)
        {
            builder.Clear(counter);
        }

        builder.Label(labelPrefix);
        if (attempts is not null)
        {
            // "inc" treats a missing setting as a zero-valued int32 (inc_exec() in src/hci/commands/nvo_cmd.c).
            builder.Command("inc", counter);
        }

        builder.Chain(uri, autofree: true).Or().Goto(wait)
            .Exit()
            .Label(wait);
        if (attempts is not null)
        {
            // The trailing "||" keeps a false iseq from aborting the script.
            builder.Iseq("${" + counter + "}", attempts).And().Goto(failed).Or();
        }

        builder.Echo("Could not chain, retrying in a moment")
            .Sleep(retryDelaySeconds)
            .Goto(labelPrefix);
        if (attempts is not null)
        {
            builder.Label(failed)
                .Echo("Giving up after " + attempts + " attempts")
                .Exit(1);
        }

        builder.Complete();
    }

    /// <summary>
    /// Writes a menu script: one <c>item</c> per entry, <c>choose</c> with the default and timeout, and per
    /// entry a label that runs its action (chain a URI, boot the local disk, or enter the shell).
    /// </summary>
    public static void WriteMenu(IBufferWriter<byte> writer, IpxeMenuSpec menu, IpxePlatform platform)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(menu);
        menu.Validate();

        var builder = new IpxeScriptBuilder(writer).Header();
        builder.Label("menu-start").Menu(menu.Title);
        for (var i = 0; i < menu.Entries.Count; i++)
        {
            var entry = menu.Entries[i];
            builder.Item(entry.Label, entry.Text, entry.Key, isDefault: false);
        }

        builder.Choose("menu-choice", menu.TimeoutMilliseconds, menu.DefaultLabel).And().Goto("${menu-choice}").Or()
            .Goto("menu-cancelled");
        for (var i = 0; i < menu.Entries.Count; i++)
        {
            var entry = menu.Entries[i];
            builder.Label(entry.Label);
            switch (entry.Action)
            {
                case IpxeMenuAction.Chain:
                    builder.Chain(entry.ChainUri, autofree: true).Or().Goto("menu-start");
                    break;
                case IpxeMenuAction.LocalDisk:
                    AppendLocalBoot(ref builder, platform, menu.LocalBoot);
                    break;
                case IpxeMenuAction.Shell:
                    builder.Shell().Then().Goto("menu-start");
                    break;
                case IpxeMenuAction.Reboot:
                    builder.Reboot();
                    break;
                default:
                    builder.Exit();
                    break;
            }
        }

        builder.Label("menu-cancelled").Exit();
        builder.Complete();
    }

    private static void ValidateLinuxBoot(LinuxBootSpec spec, IpxePlatform platform)
    {
        if (string.IsNullOrEmpty(spec.KernelUri))
        {
            IpxeThrow.Invalid(nameof(LinuxBootSpec.KernelUri), "LinuxBootSpec.KernelUri is required: set it to the kernel's http(s) or tftp URI.");
        }

        ArgumentNullException.ThrowIfNull(spec.Initrds, nameof(LinuxBootSpec.Initrds));
        for (var i = 0; i < spec.Initrds.Count; i++)
        {
            var initrd = spec.Initrds[i];
            if (string.IsNullOrEmpty(initrd.Uri))
            {
                IpxeThrow.Invalid(nameof(LinuxBootSpec.Initrds), "Each LinuxInitrd needs a Uri: set it to the initrd's http(s) or tftp URI.");
            }

            if (platform == IpxePlatform.Efi)
            {
                var name = initrd.EffectiveName;
                if (name.IsEmpty || IpxeSyntax.ValidateArgument(name) != IpxeTokenError.None || name.Contains('%') || name.Contains("${", StringComparison.Ordinal))
                {
                    IpxeThrow.Invalid(nameof(LinuxBootSpec.Initrds), $"The initrd '{initrd.Uri}' has no plain file name for the EFI 'initrd=<name>' rule: set LinuxInitrd.Name (it is then written as --name).");
                }
            }
        }
    }
}
