namespace BareMetal.Ipxe;

/// <summary>The lint rules, one method each.</summary>
internal static class IpxeLintRules
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly System.Buffers.SearchValues<char> OctalDigits = System.Buffers.SearchValues.Create("01234567");
    private static readonly System.Buffers.SearchValues<char> DecimalDigits = System.Buffers.SearchValues.Create("0123456789");
    private static readonly System.Buffers.SearchValues<char> TagCharacters = System.Buffers.SearchValues.Create("0123456789.");

    /// <summary>IPXE002: commands iPXE does not define.</summary>
    public static void UnknownCommands(LintContext context, List<IpxeDiagnostic> found)
    {
        foreach (var command in context.Script.Commands)
        {
            if (command.Definition is not null || command.Name.HasReferences)
            {
                continue;
            }

            var name = command.Name.Text;
            var fix = name switch
            {
                "iftrue" or "iffalse" or "if" => "iPXE has no conditional blocks; test with 'iseq a b' or 'isset ${x}' followed by '&& goto label ||'",
                "else" or "fi" or "endif" => "iPXE has no conditional blocks; jump with 'goto label' instead",
                "source" or "include" => "chain the other script with 'chain <uri>'",
                "reboot-now" or "restart" => "use 'reboot'",
                _ => "check the spelling, or make sure the target iPXE build includes the command (config/general.h)",
            };
            found.Add(new IpxeDiagnostic(
                IpxeDiagnosticCode.UnknownCommand,
                IpxeSeverity.Error,
                command.Position,
                $"'{name}' is not an iPXE command; iPXE prints 'command not found' and the script stops. Fix: {fix}."));
        }
    }

    /// <summary>IPXE007 undefined labels, IPXE008 duplicates, IPXE021 menu items without labels, IPXE022 unused labels.</summary>
    public static void Labels(LintContext context, List<IpxeDiagnostic> found)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var choiceSettings = new HashSet<string>(StringComparer.Ordinal);
        var dynamicTargets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in context.Script.Lines)
        {
            if (line.Label is { } label && context.Labels[label.Text] != line)
            {
                found.Add(new IpxeDiagnostic(
                    IpxeDiagnosticCode.DuplicateLabel,
                    IpxeSeverity.Warning,
                    label.Position,
                    $"The label ':{label.Text}' is already defined on line {context.Labels[label.Text].Position.Line}; 'goto' always finds the first one, so this one is never a target. Rename or remove it."));
            }

            foreach (var command in line.Commands)
            {
                if (command.Kind == IpxeCommandKind.Choose && command.FirstArgument is { } setting)
                {
                    choiceSettings.Add(SettingName(setting.Span));
                }

                if (command.Kind != IpxeCommandKind.Goto || command.FirstArgument is not { } target)
                {
                    continue;
                }

                if (target.HasReferences)
                {
                    foreach (var reference in target.GetReferences())
                    {
                        dynamicTargets.Add(reference.Name);
                    }

                    continue;
                }

                used.Add(target.Text);
                if (!context.Labels.ContainsKey(target.Text))
                {
                    var suggestion = IpxeLinter.SuggestLabel(target.Text, context.Labels.Keys);
                    found.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.UndefinedLabel,
                        IpxeSeverity.Error,
                        target.Position,
                        $"'goto {target.Text}' jumps to a label the script does not define; iPXE fails with 'No such label' and the script stops. Add a ':{target.Text}' line or fix the name.{suggestion}"));
                }
            }
        }

        // Menus: "choose target && goto ${target}" jumps to the chosen item's name.
        var jumpsToChoice = choiceSettings.Overlaps(dynamicTargets);
        foreach (var command in context.Script.Commands)
        {
            if (command.Kind != IpxeCommandKind.Item || command.HasOption("gap") || command.FirstArgument is not { } item || item.HasReferences)
            {
                continue;
            }

            used.Add(item.Text);
            if (jumpsToChoice && !context.Labels.ContainsKey(item.Text))
            {
                found.Add(new IpxeDiagnostic(
                    IpxeDiagnosticCode.MenuItemWithoutLabel,
                    IpxeSeverity.Warning,
                    item.Position,
                    $"The menu item '{item.Text}' has no ':{item.Text}' label, but the script jumps to the chosen item; choosing it fails with 'No such label'. Add a ':{item.Text}' line."));
            }
        }

        if (!context.Options.ReportUnusedLabels || context.HasDynamicGoto)
        {
            return;
        }

        foreach (var (name, line) in context.Labels)
        {
            if (!used.Contains(name))
            {
                found.Add(new IpxeDiagnostic(
                    IpxeDiagnosticCode.UnusedLabel,
                    IpxeSeverity.Info,
                    line.Label!.Value.Position,
                    $"Nothing jumps to ':{name}'; the script just runs through it. Remove the label if it is not meant as a target."));
            }
        }
    }

    /// <summary>IPXE009: lines after an unconditional goto/exit/reboot/poweroff and before the next label.</summary>
    public static void Unreachable(LintContext context, List<IpxeDiagnostic> found)
    {
        var reachable = true;
        IpxeLine? stopper = null;
        foreach (var line in context.Script.Lines)
        {
            if (line.Label is not null)
            {
                reachable = true;
            }

            if (!reachable && line.HasCommands)
            {
                found.Add(new IpxeDiagnostic(
                    IpxeDiagnosticCode.UnreachableLine,
                    IpxeSeverity.Warning,
                    FirstCommandPosition(line),
                    $"This line never runs: line {stopper!.Position.Line} always leaves the script or jumps away, and no label comes in between. Add a label before this line and jump to it, or remove the line."));
                reachable = true;
            }

            if (reachable && EndsUnconditionally(line))
            {
                reachable = false;
                stopper = line;
            }
        }
    }

    /// <summary>Where the line's first real command starts; the line's start when it has only empty ones (" ; ").</summary>
    private static IpxePosition FirstCommandPosition(IpxeLine line)
    {
        foreach (var command in line.Commands)
        {
            if (!command.IsEmpty)
            {
                return command.Position;
            }
        }

        return line.Position;
    }

    /// <summary>Whether a command that never falls through runs whatever happens before it on the line.</summary>
    private static bool EndsUnconditionally(IpxeLine line)
    {
        foreach (var command in line.Commands)
        {
            if (command.Kind is IpxeCommandKind.Goto or IpxeCommandKind.Exit or IpxeCommandKind.Reboot or IpxeCommandKind.Poweroff
                && command.OptionError == IpxeOptionError.None)
            {
                return true;
            }

            if (command.Separator != IpxeSeparator.Semicolon)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>IPXE010: <c>boot</c> with nothing selected before it.</summary>
    public static void BootWithoutKernel(LintContext context, List<IpxeDiagnostic> found)
    {
        var selected = false;
        foreach (var command in context.Script.Commands)
        {
            switch (command.Kind)
            {
                case IpxeCommandKind.Kernel or IpxeCommandKind.Imgselect or IpxeCommandKind.Imgload:
                    selected = true;
                    break;
                case IpxeCommandKind.Imgfree when command.ArgumentCount == 0:
                    selected = false;
                    break;
                case IpxeCommandKind.Boot or IpxeCommandKind.Imgexec when command.ArgumentCount == 0 && !selected && command.OptionError == IpxeOptionError.None:
                    found.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.BootWithoutKernel,
                        IpxeSeverity.Error,
                        command.Position,
                        $"'{command.Name}' has no image to boot: no 'kernel' (or 'imgselect') comes before it, so iPXE fails with 'No image selected'. Add 'kernel <uri>' before it, or name the image: 'boot <image>'."));
                    break;
            }
        }
    }

    /// <summary>IPXE011 settings used but never set; IPXE020 unknown setting types.</summary>
    public static void Settings(LintContext context, List<IpxeDiagnostic> found)
    {
        var set = new HashSet<string>(context.Options.KnownSettings, StringComparer.Ordinal);
        foreach (var command in context.Script.Commands)
        {
            switch (command.Kind)
            {
                case IpxeCommandKind.Set or IpxeCommandKind.Read or IpxeCommandKind.Choose or IpxeCommandKind.Inc
                    or IpxeCommandKind.Pciscan or IpxeCommandKind.Usbscan or IpxeCommandKind.Nslookup:
                    if (command.FirstArgument is { } name)
                    {
                        set.Add(SettingName(name.Span));
                    }

                    break;
                case IpxeCommandKind.Md5sum or IpxeCommandKind.Sha1sum:
                    if (command.GetOption("set")?.Value is { } target)
                    {
                        set.Add(SettingName(target.Span));
                    }

                    break;
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in context.Script.Commands)
        {
            foreach (var token in command.Tokens)
            {
                if (!token.HasReferences)
                {
                    continue;
                }

                foreach (var reference in token.GetReferences())
                {
                    if (reference.Type is { } type && !reference.IsDynamic && !IpxeKnownSettings.Types.Contains(type))
                    {
                        found.Add(new IpxeDiagnostic(
                            IpxeDiagnosticCode.UnknownSettingType,
                            IpxeSeverity.Warning,
                            reference.Position,
                            $"'{reference}' names the type '{type}', which iPXE does not know, so it expands to nothing. Use one of: {string.Join(", ", IpxeKnownSettings.Types.Order(StringComparer.Ordinal))}."));
                    }

                    if (reference.IsDynamic || reference.Scope is not null || IsTagNumber(reference.Name)
                        || IpxeKnownSettings.Names.Contains(reference.Name) || set.Contains(reference.Name) || !reported.Add(reference.Name))
                    {
                        continue;
                    }

                    found.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.SettingNeverSet,
                        IpxeSeverity.Warning,
                        reference.Position,
                        $"'${{{reference.Name}}}' is never set by this script and is not a setting iPXE or DHCP provides, so it may expand to nothing. Set it first ('set {reference.Name} <value>'), check the name, or declare it in IpxeLintOptions.KnownSettings."));
                }
            }
        }
    }

    /// <summary>IPXE013 URIs iPXE cannot fetch; IPXE012 schemes the target build lacks.</summary>
    public static void Uris(LintContext context, List<IpxeDiagnostic> found)
    {
        foreach (var command in context.Script.Commands)
        {
            if (command.OptionError != IpxeOptionError.None)
            {
                continue;
            }

            switch (command.Kind)
            {
                case IpxeCommandKind.Kernel or IpxeCommandKind.Initrd or IpxeCommandKind.Imgfetch or IpxeCommandKind.Module
                    or IpxeCommandKind.Chain or IpxeCommandKind.Imgexec or IpxeCommandKind.Imgselect or IpxeCommandKind.Imgload
                    or IpxeCommandKind.Boot or IpxeCommandKind.Imgverify or IpxeCommandKind.Imgextract or IpxeCommandKind.Certstore:
                    if (command.FirstArgument is { } uri)
                    {
                        CheckUri(context, found, command, uri);
                    }

                    break;
                case IpxeCommandKind.Sanboot or IpxeCommandKind.Sanhook:
                    foreach (var root in command.Arguments)
                    {
                        CheckUri(context, found, command, root);
                    }

                    break;
            }
        }
    }

    private static void CheckUri(LintContext context, List<IpxeDiagnostic> found, IpxeCommand command, IpxeToken uri)
    {
        var text = uri.Span;
        var colon = text.IndexOfAny(':', '/', '?');
        if (colon <= 0 || text[colon] != ':' || text[..colon].Contains("${", StringComparison.Ordinal))
        {
            // An image name or a relative URI: resolved at run time.
            return;
        }

        var error = IpxeSyntax.ValidateUri(text, out var scheme);
        if (error != IpxeUriError.None)
        {
            found.Add(new IpxeDiagnostic(
                IpxeDiagnosticCode.InvalidUri,
                IpxeSeverity.Error,
                uri.Position,
                $"'{command.Name}' cannot fetch '{uri}': {IpxeSyntax.Describe(error)}."));
            return;
        }

        var required = IpxeFeatureFlags.Required(scheme);
        if (context.Options.Features is { } features && required != IpxeFeatures.None && (features & required) == 0)
        {
            var code = System.Numerics.BitOperations.Log2((ulong)required);
            found.Add(new IpxeDiagnostic(
                IpxeDiagnosticCode.UnsupportedScheme,
                IpxeSeverity.Error,
                uri.Position,
                $"The target iPXE build does not announce {required} (DHCP option 175.{code}), so '{command.Name}' cannot fetch '{uri}'. Use a scheme it has ({Describe(features)}), or chain a build with {required} support first."));
        }
    }

    private static string Describe(IpxeFeatures features)
    {
        var schemes = new List<string>();
        foreach (var (scheme, name) in new[] { (IpxeUriScheme.Http, "http"), (IpxeUriScheme.Https, "https"), (IpxeUriScheme.Tftp, "tftp"), (IpxeUriScheme.Ftp, "ftp"), (IpxeUriScheme.Nfs, "nfs") })
        {
            if ((features & IpxeFeatureFlags.Required(scheme)) != 0)
            {
                schemes.Add(name);
            }
        }

        return schemes.Count == 0 ? "none announced" : string.Join(", ", schemes);
    }

    /// <summary>IPXE016: a condition whose failure nothing on its line handles.</summary>
    public static void UnguardedConditions(LintContext context, List<IpxeDiagnostic> found)
    {
        foreach (var line in context.Script.Lines)
        {
            var commands = line.Commands;
            for (var i = 0; i < commands.Count; i++)
            {
                var command = commands[i];
                // "prompt" fails only when it can time out or wait for one key (prompt_exec() in src/image/script.c).
                var isCondition = command.Kind is IpxeCommandKind.Iseq or IpxeCommandKind.Isset or IpxeCommandKind.Choose
                    || (command.Kind == IpxeCommandKind.Prompt && (command.HasOption("timeout") || command.HasOption("key")));
                if (!isCondition)
                {
                    continue;
                }

                // system() keeps the failing rc while "&&" skips commands; only a later "||" or ";" resumes.
                var handled = false;
                for (var j = i; j < commands.Count && !handled; j++)
                {
                    handled = commands[j].Separator is IpxeSeparator.Or or IpxeSeparator.Semicolon;
                }

                if (!handled)
                {
                    found.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.UnguardedCondition,
                        IpxeSeverity.Warning,
                        command.Position,
                        $"When '{command.Name}' fails, nothing on this line handles it, so the whole script stops here. End the line with '||' to go on, or add '|| goto <label>'."));
                }
            }
        }
    }

    /// <summary>IPXE017: integers iPXE's <c>parse_integer()</c> (strtoul base 0) would reject.</summary>
    public static void Integers(LintContext context, List<IpxeDiagnostic> found)
    {
        foreach (var command in context.Script.Commands)
        {
            if (command.OptionError != IpxeOptionError.None)
            {
                continue;
            }

            foreach (var option in command.Options)
            {
                if (option.Value is { } value && option.Definition.ValueKind is IpxeValueKind.Integer or IpxeValueKind.Timeout or IpxeValueKind.Key)
                {
                    var isKey = option.Definition.ValueKind == IpxeValueKind.Key && value.Span.Length == 1;
                    if (!isKey && !value.HasReferences && !IsInteger(value.Span))
                    {
                        found.Add(InvalidInteger(command, value, $"--{option.Name}"));
                    }
                }
            }

            var integerArgument = command.Kind switch
            {
                IpxeCommandKind.Sleep or IpxeCommandKind.Exit => command.FirstArgument,
                IpxeCommandKind.Inc when command.ArgumentCount == 2 => command.Arguments[1],
                _ => null,
            };
            if (integerArgument is { } argument && !argument.HasReferences && !IsInteger(argument.Span))
            {
                found.Add(InvalidInteger(command, argument, "its argument"));
            }
        }
    }

    private static IpxeDiagnostic InvalidInteger(IpxeCommand command, IpxeToken value, string what) => new(
        IpxeDiagnosticCode.InvalidInteger,
        IpxeSeverity.Error,
        value.Position,
        $"'{value}' is not an integer, so '{command.Name}' fails ('invalid integer value') for {what}. Write a decimal number, 0x-prefixed hex, or a leading-zero octal number.");

    /// <summary>Whether C <c>strtoul(text, &amp;end, 0)</c> consumes the whole non-empty text.</summary>
    internal static bool IsInteger(ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty && (text[0] == '+' || text[0] == '-'))
        {
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        {
            return !text[2..].ContainsAnyExcept(HexDigits);
        }

        if (text[0] == '0')
        {
            return !text.ContainsAnyExcept(OctalDigits);
        }

        return !text.ContainsAnyExcept(DecimalDigits);
    }

    /// <summary>IPXE019: on EFI, kernels must name the script's initrds with <c>initrd=</c>.</summary>
    public static void EfiInitrds(LintContext context, List<IpxeDiagnostic> found)
    {
        if (context.Options.Platform != IpxePlatform.Efi)
        {
            return;
        }

        var initrds = new List<string>();
        var kernels = new List<IpxeCommand>();
        foreach (var command in context.Script.Commands)
        {
            if (command.Kind == IpxeCommandKind.Kernel && command.OptionError == IpxeOptionError.None)
            {
                kernels.Add(command);
            }
            else if (command.Kind is IpxeCommandKind.Initrd or IpxeCommandKind.Module && command.OptionError == IpxeOptionError.None && command.FirstArgument is { } uri)
            {
                var name = command.GetOption("name")?.Value?.Text ?? LinuxInitrd.DeriveName(uri.Span).ToString();
                if (name.Length > 0 && !name.Contains("${", StringComparison.Ordinal))
                {
                    initrds.Add(name);
                }
            }
        }

        foreach (var kernel in kernels)
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var argument in kernel.Arguments.Skip(1))
            {
                if (argument.Span.StartsWith("initrd=", StringComparison.Ordinal))
                {
                    named.Add(argument.Span["initrd=".Length..].ToString());
                }
            }

            foreach (var initrd in initrds)
            {
                if (!named.Contains(initrd))
                {
                    found.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.EfiInitrdNotNamed,
                        IpxeSeverity.Warning,
                        kernel.Position,
                        $"On EFI the Linux kernel only loads initrds named on its command line, and this kernel line lacks 'initrd={initrd}'; the kernel may panic 'unable to mount root'. Add 'initrd={initrd}' to the kernel arguments."));
                }
            }
        }
    }

    /// <summary>The setting name of a "[scope/]name[:type]" argument.</summary>
    internal static string SettingName(ReadOnlySpan<char> text)
    {
        var slash = text.IndexOf('/');
        if (slash >= 0)
        {
            text = text[(slash + 1)..];
        }

        var colon = text.IndexOf(':');
        return (colon >= 0 ? text[..colon] : text).ToString();
    }

    /// <summary>Whether a setting name is a numeric DHCP tag such as <c>12</c> or <c>175.19</c>.</summary>
    private static bool IsTagNumber(string name) => name.Length > 0 && !name.AsSpan().ContainsAnyExcept(TagCharacters);
}
