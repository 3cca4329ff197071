namespace BareMetal.Ipxe;

/// <summary>The lint rules, one method each.</summary>
internal static class IpxeLintRules
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly System.Buffers.SearchValues<char> OctalDigits = System.Buffers.SearchValues.Create("01234567");
    private static readonly System.Buffers.SearchValues<char> DecimalDigits = System.Buffers.SearchValues.Create("0123456789");
    private static readonly System.Buffers.SearchValues<char> TagCharacters = System.Buffers.SearchValues.Create("0123456789.");

    /// <summary>IPXE002: commands iPXE does not define; IPXE023: commands only some builds have.</summary>
    public static void UnknownCommands(LintContext context, List<IpxeDiagnostic> found)
    {
        foreach (var line in context.Script.Lines)
        {
            for (var i = 0; i < line.Commands.Count; i++)
            {
                var command = line.Commands[i];
                if (command.IsEmpty || command.Name.HasReferences || context.Options.AdditionalCommands.Contains(command.Name.Text, StringComparer.Ordinal))
                {
                    continue;
                }

                if (command.Definition is { } definition)
                {
                    NotInEveryBuild(context, found, line, i, definition);
                    continue;
                }

                var name = command.Name.Text;
                var fix = name switch
                {
                    "iftrue" or "iffalse" or "if" => "iPXE has no conditional blocks; test with 'iseq a b' or 'isset ${x}' followed by '&& goto label ||'",
                    "else" or "fi" or "endif" => "iPXE has no conditional blocks; jump with 'goto label' instead",
                    "source" or "include" => "chain the other script with 'chain <uri>'",
                    "reboot-now" or "restart" => "use 'reboot'",
                    _ => "check the spelling; a command from a patched or forked build goes in IpxeLintOptions.AdditionalCommands",
                };
                found.Add(new IpxeDiagnostic(
                    IpxeDiagnosticCode.UnknownCommand,
                    IpxeSeverity.Error,
                    command.Position,
                    $"'{name}' is not an iPXE command; iPXE prints 'command not found' and the script stops. Fix: {fix}."));
            }
        }
    }

    /// <summary>
    /// IPXE023: a command the target build may lack (a warning, information when the line handles its failure)
    /// or does lack (an error; a warning when the line handles its failure, which then always takes the
    /// failure path; information when the command is a test such as cpuid, whose "no" is then right).
    /// </summary>
    private static void NotInEveryBuild(LintContext context, List<IpxeDiagnostic> found, IpxeLine line, int index, IpxeCommandDefinition definition)
    {
        var presence = IpxeBuildPresence.Of(definition, context.Options, out var why);
        if (presence == IpxeBuildPresence.Presence.Present)
        {
            return;
        }

        var command = line.Commands[index];
        var handled = FailureHandled(line, index);
        var absent = presence == IpxeBuildPresence.Presence.Absent;
        // A test (cpuid) that a build lacks, with its failure handled, answers "no" - which is what
        // "cpuid --ext 29 && set arch x86_64 || set arch arm64" means on arm64: information only.
        var severity = (absent, handled) switch
        {
            (true, false) => IpxeSeverity.Error,
            (false, true) => IpxeSeverity.Info,
            (true, true) when IpxeControlFlow.IsCondition(command) => IpxeSeverity.Info,
            _ => IpxeSeverity.Warning,
        };
        var effect = (absent, handled) switch
        {
            (true, true) => "it fails with 'command not found', which this line handles like a failed test",
            (true, false) => "it fails with 'command not found' and, as nothing on this line handles that, the script stops",
            (false, true) => "where it is missing it fails with 'command not found', which this line handles like a failed test",
            _ => "where it is missing it fails with 'command not found' and, as nothing on this line handles that, the script stops",
        };
        var start = absent ? $"The target build has no '{definition.Name}'" : $"Not every iPXE build has '{definition.Name}'";
        found.Add(new IpxeDiagnostic(
            IpxeDiagnosticCode.CommandNotInEveryBuild,
            severity,
            command.Position,
            $"{start}: {why}; {effect}. If the build has it, say so in IpxeLintOptions (Architecture, Platform, BuildOptions)."));
    }

    /// <summary>Whether a failure of the command at <paramref name="index"/> lets the line go on: a later "||" or ";" resumes (system() keeps the failing status while "&amp;&amp;" skips).</summary>
    internal static bool FailureHandled(IpxeLine line, int index)
    {
        for (var j = index; j < line.Commands.Count; j++)
        {
            if (line.Commands[j].Separator is IpxeSeparator.Or or IpxeSeparator.Semicolon)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>IPXE007 undefined labels, IPXE008 duplicates, IPXE021 menu items without labels, IPXE022 unused labels.</summary>
    public static void Labels(LintContext context, List<IpxeDiagnostic> found)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
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
                if (command.Kind != IpxeCommandKind.Goto || command.FirstArgument is not { } target)
                {
                    continue;
                }

                if (target.HasReferences)
                {
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

        foreach (var command in context.Script.Commands)
        {
            if (command.Kind == IpxeCommandKind.Item && !command.HasOption("gap") && command.FirstArgument is { } item && !item.HasReferences)
            {
                used.Add(item.Text);
            }
        }

        MenuItemLabels(context, found, used);

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

    /// <summary>
    /// IPXE021: items of a menu whose choice reaches a <c>goto ${setting}</c>, without the label that jump looks for.
    /// Decided per <c>choose</c> and the setting it writes (<see cref="IpxeMenuFlow"/>), not per script.
    /// </summary>
    private static void MenuItemLabels(LintContext context, List<IpxeDiagnostic> found, HashSet<string> used)
    {
        var reported = new HashSet<(IpxePosition, string)>();
        foreach (var choice in IpxeMenuFlow.Find(context))
        {
            foreach (var jump in choice.Jumps)
            {
                foreach (var item in choice.Items)
                {
                    if (choice.Diverted.Contains(item.Text) || (jump.OnlyFor is { } only && only != item.Text))
                    {
                        continue;
                    }

                    var label = jump.LabelFor(item.Text);
                    used.Add(label);
                    if (context.Labels.ContainsKey(label) || !reported.Add((item.Position, label)))
                    {
                        continue;
                    }

                    var how = label == item.Text
                        ? "but the script jumps to the chosen item"
                        : $"but line {jump.Goto.Position.Line} jumps to '{jump.Target}' with the chosen item";
                    found.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.MenuItemWithoutLabel,
                        IpxeSeverity.Warning,
                        item.Position,
                        $"The menu item '{item.Text}' has no ':{label}' label, {how}; choosing it fails with 'No such label'. Add a ':{label}' line."));
                }
            }
        }
    }

    /// <summary>IPXE009: the first line of each run no path reaches (after a line that jumps away, exits, or replaces the script with <c>chain --replace</c>), up to the next label.</summary>
    public static void Unreachable(LintContext context, List<IpxeDiagnostic> found)
    {
        var lines = context.Script.Lines;
        var reported = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var stopper = context.Flow.StopperOf(i);
            if (context.Flow.IsReachable(i) || !line.HasCommands || stopper == reported)
            {
                continue;
            }

            reported = stopper;
            found.Add(new IpxeDiagnostic(
                IpxeDiagnosticCode.UnreachableLine,
                IpxeSeverity.Warning,
                FirstCommandPosition(line),
                $"This line never runs: line {lines[stopper].Position.Line} always leaves the script or jumps away, and no label comes in between. Add a label before this line and jump to it, or remove the line."));
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

    /// <summary>IPXE010: <c>boot</c> with nothing selected before it.</summary>
    public static void BootWithoutKernel(LintContext context, List<IpxeDiagnostic> found)
    {
        var selected = false;
        var lines = context.Script.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            // A line that never runs selects nothing and boots nothing (IPXE009 reports it).
            if (!context.Flow.IsReachable(i))
            {
                continue;
            }

            var commands = lines[i].Commands;
            for (var c = 0; c < commands.Count; c++)
            {
                var command = commands[c];
                switch (command.Kind)
                {
                    case IpxeCommandKind.Kernel or IpxeCommandKind.Imgselect or IpxeCommandKind.Imgload:
                        selected = true;
                        break;
                    case IpxeCommandKind.Imgfree when command.ArgumentCount == 0:
                        selected = false;
                        break;
                    case IpxeCommandKind.Boot or IpxeCommandKind.Imgexec when command.ArgumentCount == 0 && !selected && command.OptionError == IpxeOptionError.None:
                        // With "||" after it the failure is handled and the script goes on: a mistake, not a stop.
                        found.Add(new IpxeDiagnostic(
                            IpxeDiagnosticCode.BootWithoutKernel,
                            FailureHandled(lines[i], c) ? IpxeSeverity.Warning : IpxeSeverity.Error,
                            command.Position,
                            $"'{command.Name}' has no image to boot: no 'kernel' (or 'imgselect') comes before it, so iPXE fails with 'No image selected'. Add 'kernel <uri>' before it, or name the image: 'boot <image>'."));
                        break;
                }
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
                    or IpxeCommandKind.Pciscan or IpxeCommandKind.Usbscan or IpxeCommandKind.Nslookup or IpxeCommandKind.Imgset:
                    if (command.FirstArgument is { } name)
                    {
                        set.Add(SettingName(name.Span));
                    }

                    break;
                case IpxeCommandKind.Md5sum or IpxeCommandKind.Sha1sum or IpxeCommandKind.Md4sum or IpxeCommandKind.Sha224sum
                    or IpxeCommandKind.Sha256sum or IpxeCommandKind.Sha384sum or IpxeCommandKind.Sha512sum:
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

                    // "${}" names no setting: it is the usual way to write an empty string (a trailing space before it is kept).
                    if (reference.IsDynamic || reference.Scope is not null || reference.Name.Length == 0 || IsTagNumber(reference.Name)
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
                if (!IpxeControlFlow.IsCondition(command))
                {
                    continue;
                }

                if (FailureHandled(line, i))
                {
                    continue;
                }

                if (command.Kind == IpxeCommandKind.Choose)
                {
                    // choose fails only when the user presses Esc (a timeout picks the default): ending the
                    // script then is what iPXE's own "choose target && goto ${target}" example does.
                    found.Add(new IpxeDiagnostic(
                        IpxeDiagnosticCode.UnguardedCondition,
                        IpxeSeverity.Info,
                        command.Position,
                        "Pressing Esc makes 'choose' fail, and nothing on this line handles that, so Esc ends the script. Add '|| goto <label>' if Esc should go elsewhere."));
                }
                else
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
